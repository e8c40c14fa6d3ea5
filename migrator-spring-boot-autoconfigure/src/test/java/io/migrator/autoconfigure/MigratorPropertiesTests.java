package io.migrator.autoconfigure;

import java.time.Duration;

import io.migrator.core.MigratorConfig;
import io.migrator.core.lint.LintMode;
import io.migrator.core.testsupport.H2TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigratorProperties}.
 */
class MigratorPropertiesTests {

	@Test
	void defaultValuesAreConsistent() {
		MigratorProperties properties = new MigratorProperties();
		MigratorConfig config = MigratorConfig.builder().dataSource(H2TestDatabase.create().dataSource()).build();
		assertThat(properties.getLocations()).containsExactlyElementsOf(config.locations())
			.containsExactly(MigratorConfig.DEFAULT_LOCATION);
		assertThat(properties.getTable()).isEqualTo(config.table()).isEqualTo(MigratorConfig.DEFAULT_TABLE);
		assertThat(properties.getSchema()).isEqualTo(config.schema());
		assertThat(properties.isOutOfOrder()).isEqualTo(config.outOfOrder());
		assertThat(properties.getInstalledBy()).isEqualTo(config.installedBy());
		assertThat(properties.getStatementTimeout()).isEqualTo(config.statementTimeout()).isEqualTo(Duration.ZERO);
		assertThat(properties.getLock().getWaitTimeout()).isEqualTo(config.lockWaitTimeout())
			.isEqualTo(MigratorConfig.DEFAULT_LOCK_WAIT_TIMEOUT);
		assertThat(properties.getPostgresql().getLockTimeout()).isEqualTo(config.lockTimeout())
			.isEqualTo(MigratorConfig.DEFAULT_LOCK_TIMEOUT);
		assertThat(properties.getPostgresql().getLockRetries()).isEqualTo(config.lockRetries())
			.isEqualTo(MigratorConfig.DEFAULT_LOCK_RETRIES);
		assertThat(properties.getConnectTimeout()).isEqualTo(config.connectTimeout())
			.isEqualTo(MigratorConfig.DEFAULT_CONNECT_TIMEOUT);
		assertThat(properties.getLint().getMode()).isEqualTo(config.lintMode()).isEqualTo(LintMode.WARN);
		assertThat(properties.getFlyway().isAdopt()).isEqualTo(config.flywayAdopt()).isFalse();
		assertThat(properties.getFlyway().getTable()).isEqualTo(config.flywayTable())
			.isEqualTo(MigratorConfig.DEFAULT_FLYWAY_TABLE);
		assertThat(properties.getFlyway().getSchema()).isEqualTo(config.flywaySchema());
		assertThat(properties.getPlaceholders()).isEqualTo(config.placeholders()).isEmpty();
		assertThat(properties.isPlaceholderReplacement()).isEqualTo(config.placeholderReplacement()).isTrue();
		assertThat(properties.getPlaceholderPrefix()).isEqualTo(config.placeholderPrefix()).isEqualTo("${");
		assertThat(properties.getPlaceholderSuffix()).isEqualTo(config.placeholderSuffix()).isEqualTo("}");
	}

	@Test
	void defaultsOfTheIntegration() {
		MigratorProperties properties = new MigratorProperties();
		assertThat(properties.isEnabled()).isTrue();
		assertThat(properties.getMode()).isEqualTo(MigratorProperties.Mode.MIGRATE);
		assertThat(properties.getCommand()).isEqualTo(MigratorProperties.Command.MIGRATE);
		assertThat(properties.getTarget()).isNull();
		assertThat(properties.isDryRun()).isFalse();
		assertThat(properties.getAwait().getTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(properties.getDatasource().getUrl()).isNull();
		assertThat(properties.getDatasource().getUsername()).isNull();
		assertThat(properties.getDatasource().getPassword()).isNull();
	}

}
