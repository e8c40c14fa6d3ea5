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

import io.migrator.core.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The production set-up of {@code sample-app/k8s}, for real: {@code roles.sql} creates a
 * migration role and an application role; the job migrates as the migration role; the
 * app, in await mode as the application role, waits (live, not ready) until the job is
 * done, then serves; and the application role cannot change the schema.
 */
class LeastPrivilegeIT {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private PostgresTestDatabase database;

	private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);

	private final String migratorRole = "app_migrator_" + this.suffix;

	private final String appRole = "app_user_" + this.suffix;

	@BeforeEach
	void createDatabaseAndRoles() throws IOException, SQLException {
		this.database = PostgresTestDatabase.create();
		// Roles belong to the whole server: this test's roles carry a suffix of their
		// own.
		String roles = Files.readString(Path.of("k8s/roles.sql"))
			.replace("app_migrator", this.migratorRole)
			.replace("app_user", this.appRole)
			.replace(":'migrator_password'", "'migrator-secret'")
			.replace(":'app_password'", "'app-secret'");
		// The PostgreSQL driver runs a script of several statements without parameters in
		// one call.
		try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
			statement.execute(roles);
		}
	}

	@AfterEach
	void dropDatabaseAndRoles() {
		this.database.close();
		this.database.host().admin("DROP ROLE IF EXISTS " + this.migratorRole);
		this.database.host().admin("DROP ROLE IF EXISTS " + this.appRole);
	}

	private Connection adminConnection() throws SQLException {
		return DriverManager.getConnection(this.database.url(), this.database.username(), this.database.password());
	}

	@Test
	void theAppWaitsForTheJobAndThenServesWithoutBeingAbleToChangeTheSchema() throws SQLException {
		try (SampleAppProcess app = SampleAppProcess.builder()
			.postgres(this.database.url(), this.appRole, "app-secret")
			.arg("--migrator.mode=await")
			.arg("--migrator.await.timeout=120s")
			.start()) {
			awaitLiveness(app);
			// Liveness answers as soon as the web server is up, a moment before the
			// runner starts waiting.
			awaitMigratorState(app, "AWAITING");
			assertThat(app.get("/actuator/health/readiness").status()).isEqualTo(503);

			try (SampleAppProcess job = migratingAsTheMigratorRole(this.appRole, "app-secret")
				.arg("--migrator.mode=job")
				.start()) {
				assertThat(job.waitForExit(Duration.ofSeconds(90))).as(job.output()).isZero();
				assertThat(job.output()).contains("Migrated schema from version 0 to 3")
					.doesNotContain("migrator-secret");
			}

			awaitReadiness(app);
			SampleAppProcess.Response created = app.post("/customers",
					"{\"name\":\"Grace\",\"email\":\"grace@example.com\"}");
			assertThat(created.status()).as(created.body()).isEqualTo(201);
			assertThat(app.get("/customers/summary").body()).contains("\"customers\":1");
		}
		try (Connection asApp = DriverManager.getConnection(this.database.url(), this.appRole, "app-secret");
				Statement statement = asApp.createStatement()) {
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("CREATE TABLE sneaky (id INT)"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("ALTER TABLE customer ADD COLUMN sneaky INT"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("DROP TABLE customer"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));
		}
	}

	@Test
	void healthTellsWhenTheAppUserCouldStillChangeTheSchema() {
		// Migrating on start with separate credentials: the app user is the well-behaved
		// role ...
		try (SampleAppProcess app = migratingAsTheMigratorRole(this.appRole, "app-secret").start()) {
			awaitReadiness(app);
			assertThat(app.get("/actuator/health/migrator").body()).contains("\"appUserCanChangeSchema\":false")
				.doesNotContain("migrator-secret");
		}
		// ... and the owner of the schema is not.
		try (SampleAppProcess app = migratingAsTheMigratorRole(this.migratorRole, "migrator-secret").start()) {
			awaitReadiness(app);
			assertThat(app.get("/actuator/health/migrator").body()).contains("\"appUserCanChangeSchema\":true");
			assertThat(app.output()).contains("can change the schema");
		}
	}

	/**
	 * The app serving as one role and migrating as the migrator role.
	 */
	private SampleAppProcess.Builder migratingAsTheMigratorRole(String role, String password) {
		return SampleAppProcess.builder()
			.postgres(this.database.url(), role, password)
			.env("MIGRATOR_DATASOURCE_USERNAME", this.migratorRole)
			.env("MIGRATOR_DATASOURCE_PASSWORD", "migrator-secret");
	}

	private static void awaitMigratorState(SampleAppProcess app, String state) {
		app.awaitBody("/actuator/health/migrator", "\"state\":\"" + state + "\"", Duration.ofSeconds(30));
	}

	private static void awaitLiveness(SampleAppProcess app) {
		app.awaitStatus("/actuator/health/liveness", 200, START_TIMEOUT);
	}

	private static void awaitReadiness(SampleAppProcess app) {
		app.awaitStatus("/actuator/health/readiness", 200, START_TIMEOUT);
	}

}
