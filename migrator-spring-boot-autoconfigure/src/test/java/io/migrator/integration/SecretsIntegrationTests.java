package io.migrator.integration;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import io.migrator.core.testsupport.FreshPostgresDatabase;
import io.migrator.integration.BackgroundApplication.Response;
import io.migrator.integration.app.TestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration credentials ({@code migrator.datasource.*}) are used for the migration and
 * shown nowhere: not in health, not in the endpoint, not in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsIntegrationTests {

	private final String role = "migrator_owner_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	private final String password = "pw-" + UUID.randomUUID();

	@RegisterExtension
	final FreshPostgresDatabase database = new FreshPostgresDatabase();

	@BeforeEach
	void createMigrationRole() throws Exception {
		this.database.host().admin("CREATE ROLE " + this.role + " LOGIN PASSWORD '" + this.password + "'");
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("GRANT ALL ON SCHEMA public TO " + this.role);
		}
	}

	@AfterEach
	void dropDatabaseAndRole() {
		// The role owns objects in the database: drop the database first.
		this.database.close();
		this.database.host().admin("DROP ROLE IF EXISTS " + this.role);
	}

	@Test
	void migrationPasswordAppearsNowhere(CapturedOutput output) throws Exception {
		try (BackgroundApplication app = BackgroundApplication.start(TestApplication.class, this.database,
				"migrator.locations=classpath:db/simple", "migrator.datasource.username=" + this.role,
				"migrator.datasource.password=" + this.password, "logging.level.io.migrator=DEBUG")) {
			app.awaitStarted();
			Response endpoint = app.get("/actuator/migrator");
			assertThat(endpoint.status()).isEqualTo(200);
			assertThat(endpoint.body()).as("migrated with the migration credentials")
				.contains("\"installedBy\":\"" + this.role + "\"");
			for (String path : List.of("/actuator/health", "/actuator/health/migrator", "/actuator/health/readiness",
					"/actuator/configprops", "/actuator/metrics/migrator.runs")) {
				Response response = app.get(path);
				assertThat(response.status()).as(path).isEqualTo(200);
				assertThat(response.body()).as(path).doesNotContain(this.password);
			}
			assertThat(endpoint.body()).doesNotContain(this.password);
		}
		assertThat(output.getAll()).contains("Migrated schema from version 0 to 1").doesNotContain(this.password);
	}

	@Test
	void aWrongMigrationPasswordIsNotEchoed(CapturedOutput output) {
		String wrong = "wrong-" + UUID.randomUUID();
		try (BackgroundApplication app = BackgroundApplication.start(TestApplication.class, this.database,
				"migrator.locations=classpath:db/simple", "migrator.datasource.url=" + this.database.url(),
				"migrator.datasource.username=no_such_role_" + this.role, "migrator.datasource.password=" + wrong)) {
			org.assertj.core.api.Assertions.assertThatException().isThrownBy(app::awaitStarted);
		}
		assertThat(output.getAll()).contains("APPLICATION FAILED TO START").doesNotContain(wrong);
	}

}
