package io.migrator.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import io.migrator.core.testsupport.MariadbTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link LeastPrivilegeIT} on MariaDB: {@code k8s/mariadb-users.sql} creates the
 * migration user and the application user; the job migrates as the first, the app waits
 * in await mode as the second and then serves, the second cannot change the schema, and
 * the health details tell which of the two could.
 */
class MariadbLeastPrivilegeIT {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private MariadbTestDatabase database;

	private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	private final String migratorUser = "migrator_test_mig_" + this.suffix;

	private final String appUser = "migrator_test_app_" + this.suffix;

	@BeforeEach
	void createDatabaseAndUsers() throws IOException {
		this.database = MariadbTestDatabase.create();
		// Users belong to the whole server: this test's carry a suffix of their own.
		String users = Files.readString(Path.of("k8s/mariadb-users.sql"))
			.replace("app_migrator", this.migratorUser)
			.replace("app_user", this.appUser)
			.replace("`app`", "`" + this.database.name() + "`")
			.replace(":'migrator_password'", "'migrator-secret'")
			.replace(":'app_password'", "'app-secret'");
		for (String statement : users.replaceAll("(?m)^--.*$", "").split(";")) {
			if (!statement.isBlank()) {
				this.database.host().admin(statement.strip());
			}
		}
	}

	@AfterEach
	void dropDatabaseAndUsers() {
		this.database.host().admin("DROP USER IF EXISTS '" + this.migratorUser + "'@'%'");
		this.database.host().admin("DROP USER IF EXISTS '" + this.appUser + "'@'%'");
		this.database.close();
	}

	@Test
	void theAppWaitsForTheJobAndThenServesWithoutBeingAbleToChangeTheSchema() throws SQLException {
		try (SampleAppProcess app = as(this.appUser, "app-secret").arg("--migrator.mode=await")
			.arg("--migrator.await.timeout=120s")
			.start()) {
			app.awaitStatus("/actuator/health/liveness", 200, START_TIMEOUT);
			app.awaitBody("/actuator/health/migrator", "\"state\":\"AWAITING\"", Duration.ofSeconds(30));
			assertThat(app.get("/actuator/health/readiness").status()).isEqualTo(503);
			try (SampleAppProcess job = migratingAsTheMigrationUser(this.appUser, "app-secret")
				.arg("--migrator.mode=job")
				.start()) {
				assertThat(job.waitForExit(Duration.ofSeconds(90))).as(job.output()).isZero();
				assertThat(job.output()).contains("Migrated schema from version 0 to 3")
					.doesNotContain("migrator-secret");
			}
			app.awaitStatus("/actuator/health/readiness", 200, START_TIMEOUT);
			SampleAppProcess.Response created = app.post("/customers",
					"{\"name\":\"Grace\",\"email\":\"grace@example.com\"}");
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			assertThat(app.get("/customers/summary").body()).contains("\"customers\":1");
		}
		try (Connection asApp = DriverManager.getConnection(this.database.url(), this.appUser, "app-secret");
				Statement statement = asApp.createStatement()) {
			for (String ddl : new String[] { "CREATE TABLE sneaky (id INT)", "ALTER TABLE customer ADD COLUMN x INT",
					"DROP TABLE customer" }) {
				assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute(ddl))
					.satisfies((ex) -> assertThat(ex.getErrorCode()).as(ddl).isEqualTo(1142));
			}
		}
	}

	@Test
	void healthTellsWhenTheAppUserCouldStillChangeTheSchema() {
		try (SampleAppProcess app = migratingAsTheMigrationUser(this.appUser, "app-secret").start()) {
			app.awaitStatus("/actuator/health/readiness", 200, START_TIMEOUT);
			assertThat(app.get("/actuator/health/migrator").body()).contains("\"appUserCanChangeSchema\":false");
		}
		try (SampleAppProcess app = migratingAsTheMigrationUser(this.migratorUser, "migrator-secret").start()) {
			app.awaitStatus("/actuator/health/readiness", 200, START_TIMEOUT);
			assertThat(app.get("/actuator/health/migrator").body()).contains("\"appUserCanChangeSchema\":true");
			assertThat(app.output()).contains("can change the schema");
		}
	}

	private SampleAppProcess.Builder as(String user, String password) {
		return SampleAppProcess.builder()
			.mariadb(this.database)
			.env("SPRING_DATASOURCE_USERNAME", user)
			.env("SPRING_DATASOURCE_PASSWORD", password);
	}

	private SampleAppProcess.Builder migratingAsTheMigrationUser(String user, String password) {
		return as(user, password).env("MIGRATOR_DATASOURCE_USERNAME", this.migratorUser)
			.env("MIGRATOR_DATASOURCE_PASSWORD", "migrator-secret");
	}

}
