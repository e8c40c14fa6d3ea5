package io.migrator.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.migrator.core.testsupport.FreshPostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app's executable jar, started as a real process: scripts found inside the
 * jar, probes over real HTTP while a migration runs, and a failed migration's exit.
 */
class SampleAppIT {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	@RegisterExtension
	final FreshPostgresDatabase database = new FreshPostgresDatabase();

	/**
	 * Start the app on the test's database with the scripts in its jar and one more from
	 * a folder.
	 */
	private SampleAppProcess startWithExtraScript(Path folder, String name, String content) throws IOException {
		Files.writeString(folder.resolve(name), content);
		return SampleAppProcess.builder()
			.postgres(this.database)
			.arg("--migrator.locations=classpath:db/migration,classpath:db/vendor/{vendor},filesystem:" + folder)
			.start();
	}

	@Test
	void runsOnItsEmbeddedDatabaseWithTheScriptsInsideTheJar() {
		try (SampleAppProcess app = SampleAppProcess.builder().start()) {
			app.awaitStatus("/actuator/health/readiness", 200, START_TIMEOUT);
			SampleAppProcess.Response migrator = app.get("/actuator/health/migrator");
			assertThat(migrator.status()).isEqualTo(200);
			assertThat(migrator.body()).contains("\"schemaVersion\":\"3\"").contains("\"status\":\"UP\"");
			assertThat(app.get("/customers").body()).isEqualTo("[]");
			assertThat(app.output()).contains("Migrated schema from version 0 to 3");
		}
	}

	@Test
	void refusesTrafficWhileMigratingAndServesItAfterwards(@TempDir Path extraScripts) throws IOException {
		try (SampleAppProcess app = startWithExtraScript(extraScripts, "V4__slow_backfill.sql",
				"-- A long data migration\nSELECT pg_sleep(6);\nUPDATE customer SET email = lower(email);\n")) {
			List<String> duringMigration = new ArrayList<>();
			app.awaitOutput("Migrating schema to version 4", START_TIMEOUT, () -> {
				SampleAppProcess.Response liveness = app.get("/actuator/health/liveness");
				if (liveness.status() != 0) {
					duringMigration.add(liveness.status() + "/" + app.get("/actuator/health/readiness").status() + "/"
							+ app.get("/actuator/health/migrator").body());
				}
			});
			assertThat(duringMigration).as("probes while V4 ran").hasSizeGreaterThan(3);
			// The last sample may have raced with the end of the run.
			assertThat(duringMigration.subList(0, duringMigration.size() - 1))
				.allSatisfy((probes) -> assertThat(probes).startsWith("200/503/"));
			assertThat(duringMigration).anySatisfy((probes) -> assertThat(probes).contains("OUT_OF_SERVICE"));
			app.awaitStatus("/actuator/health/readiness", 200, Duration.ofSeconds(30));
			assertThat(app.get("/actuator/health/liveness").status()).isEqualTo(200);
			SampleAppProcess.Response health = app.get("/actuator/health/migrator");
			assertThat(health.body()).contains("\"status\":\"UP\"")
				.contains("\"schemaVersion\":\"4\"")
				.contains("\"expectedVersion\":\"4\"")
				.contains("\"pending\":0");
			SampleAppProcess.Response endpoint = app.get("/actuator/migrator");
			assertThat(endpoint.status()).isEqualTo(200);
			assertThat(endpoint.body()).contains("V4__slow_backfill.sql").contains("customer summary");
			assertThat(app.get("/actuator/metrics/migrator.runs").body()).contains("\"COUNT\"");
			assertThat(app.output()).contains("Migrating schema to version 3 (3/5): index customer email")
				.doesNotContain(this.database.password().isEmpty() ? "\u0000" : this.database.password());
		}
	}

	@Test
	void aBrokenScriptStopsTheStartWithANonZeroExitThatNamesIt(@TempDir Path extraScripts) throws IOException {
		try (SampleAppProcess app = startWithExtraScript(extraScripts, "V4__broken.sql",
				"-- adds a column\n\nALTER TABLE customer ADD COLUMN phone VARCHAR(20) NOT NUL;\n")) {
			int exit = app.waitForExit(START_TIMEOUT);
			assertThat(exit).isNotZero();
			assertThat(app.output()).contains("V4__broken.sql failed at line 3")
				.contains("42601")
				.contains("Nothing of it was applied");
		}
	}

}
