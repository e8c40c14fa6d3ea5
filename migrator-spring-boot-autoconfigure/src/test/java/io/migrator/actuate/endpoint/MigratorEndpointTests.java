package io.migrator.actuate.endpoint;

import io.migrator.actuate.endpoint.MigratorEndpoint.MigrationDescriptor;
import io.migrator.actuate.endpoint.MigratorEndpoint.MigrationsDescriptor;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.testsupport.H2TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigratorEndpoint}.
 */
class MigratorEndpointTests {

	@Test
	void listsEveryMigrationWithoutChangingTheDatabase() {
		H2TestDatabase database = H2TestDatabase.create();
		try {
			Migrator migrator = new Migrator(
					MigratorConfig.builder().dataSource(database.dataSource()).locations("classpath:db/h2").build());
			MigratorEndpoint endpoint = new MigratorEndpoint(migrator);
			MigrationsDescriptor before = endpoint.migrations();
			assertThat(before.historyExists()).isFalse();
			assertThat(before.pending()).isEqualTo(2);
			assertThat(before.schemaVersion()).isEqualTo("0");
			assertThat(before.expectedVersion()).isEqualTo("2");
			assertThat(endpoint.migrations().historyExists()).isFalse();
			migrator.migrate();
			MigrationsDescriptor after = endpoint.migrations();
			assertThat(after.schemaVersion()).isEqualTo("2");
			assertThat(after.migrations()).extracting(MigrationDescriptor::state).containsExactly("APPLIED", "APPLIED");
			MigrationDescriptor first = after.migrations().get(0);
			assertThat(first.version()).isEqualTo("1");
			assertThat(first.description()).isEqualTo("create person");
			assertThat(first.type()).isEqualTo("VERSIONED");
			assertThat(first.script()).isEqualTo("V1__create_person.sql");
			assertThat(first.checksum()).isNotBlank();
			assertThat(first.installedOn()).isNotNull();
			assertThat(first.installedBy()).isNotBlank();
			assertThat(first.executionTime()).isNotNull();
		}
		finally {
			database.close();
		}
	}

}
