package io.migrator.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app's jar on the code Spring AOT generated when it was built
 * ({@code process-aot}), started with {@code -Dspring.aot.enabled=true} as a native image
 * would run it: the bean definitions come from the generated initializer, and the scripts
 * must be found and run as without AOT.
 */
class AotModeIT {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	/**
	 * What Spring Boot logs first when it runs on generated artifacts; without them a
	 * start with {@code spring.aot.enabled} fails.
	 */
	private static final String AOT_START = "Starting AOT-processed SampleApplication";

	private static final String INITIALIZER = "BOOT-INF/classes/io/migrator/sample/SampleApplication__ApplicationContextInitializer.class";

	private static final String REACHABILITY_METADATA = "META-INF/native-image/io.migrator/sample-app/reachability-metadata.json";

	private static SampleAppProcess.Builder aot(SampleAppProcess.Builder builder) {
		return builder.jvm("-Dspring.aot.enabled=true");
	}

	@Test
	void theJarCarriesTheGeneratedInitializerAndTheHintsForTheScriptsOfEveryDatabase() throws IOException {
		try (JarFile jar = new JarFile(SampleAppProcess.jar().toFile())) {
			assertThat(jar.getEntry(INITIALIZER)).as(INITIALIZER).isNotNull();
			JarEntry metadata = jar.getJarEntry(REACHABILITY_METADATA);
			assertThat(metadata).as(REACHABILITY_METADATA).isNotNull();
			// JSON may escape a slash.
			String hints = new String(jar.getInputStream(metadata).readAllBytes(), StandardCharsets.UTF_8)
				.replace("\\/", "/");
			assertThat(hints).contains("\"db/migration/**\"")
				.contains("\"db/vendor/postgresql/**\"")
				.contains("\"db/vendor/h2/**\"")
				.contains("\"db/vendor/mariadb/**\"")
				.contains("\"db/vendor/mysql/**\"")
				.contains("\"META-INF/migrator/java-migrations.properties\"");
			assertThat(jar.getEntry("META-INF/migrator/java-migrations.properties")).isNotNull();
		}
	}

	@Test
	void migratesItsEmbeddedDatabaseAndServes() {
		try (SampleAppProcess app = aot(SampleAppProcess.builder()).start()) {
			app.awaitStatus("/actuator/health/readiness", 200, START_TIMEOUT);
			assertThat(app.output()).contains(AOT_START);
			SampleAppProcess.Response migrator = app.get("/actuator/health/migrator");
			assertThat(migrator.status()).isEqualTo(200);
			assertThat(migrator.body()).contains("\"status\":\"UP\"")
				.contains("\"schemaVersion\":\"3\"")
				.contains("\"expectedVersion\":\"3\"")
				.contains("\"pending\":0");
			assertThat(app.get("/customers").body()).isEqualTo("[]");
			assertThat(app.output()).contains("Migrated schema from version 0 to 3");
		}
	}

	/**
	 * PostgreSQL at runtime although the build saw the default H2 configuration: the
	 * profile's properties are read at runtime, and {@code {vendor}} becomes
	 * {@code postgresql}, whose V3 builds its index concurrently.
	 */
	@Test
	void migratesPostgresqlWithItsVendorScripts() {
		try (PostgresProbe probe = PostgresProbe.create(); SampleAppProcess app = aot(probe.app()).start()) {
			app.awaitStatus("/actuator/health/readiness", 200, START_TIMEOUT);
			assertThat(app.output()).contains(AOT_START).contains("Migrated schema from version 0 to 3");
			assertThat(probe.rows("SELECT coalesce(version, 'R') FROM migrator_schema_history"
					+ " WHERE status = 'SUCCESS' ORDER BY id"))
				.containsExactly("1", "2", "3", "R");
			assertThat(probe.count("SELECT count(*) FROM pg_indexes WHERE indexname = 'customer_email_idx'")).isOne();
		}
	}

}
