package io.migrator.sample;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.migrator.core.MigrationException.Reason;
import io.migrator.core.testsupport.FreshPostgresDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passwords never show: not in the log at any level ({@code --logging.level.root=TRACE}
 * and {@code --debug}), not in exceptions and their stack traces, not in health details,
 * the {@code /actuator/migrator} endpoint or {@code info} output. Three distinct
 * passwords are given the three ways a deployment gives them:
 * {@code SPRING_DATASOURCE_PASSWORD}, {@code MIGRATOR_DATASOURCE_PASSWORD}, and a
 * {@code ?password=} parameter in a JDBC URL.
 * <p>
 * The local server trusts every login, so any password connects; what is tested is where
 * the passwords go, not whether they are right.
 */
class SecretsIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private static final String APP_PASSWORD = "App-Pw-" + UUID.randomUUID();

	private static final String MIGRATOR_PASSWORD = "Migrator-Pw-" + UUID.randomUUID();

	private static final String URL_PASSWORD = "Url-Pw-" + UUID.randomUUID();

	private static final List<String> PASSWORDS = List.of(APP_PASSWORD, MIGRATOR_PASSWORD, URL_PASSWORD);

	@RegisterExtension
	final FreshPostgresDatabase database = new FreshPostgresDatabase();

	@Test
	void aReplicaMigratingWithEveryLogLevelOnShowsNoPasswordInItsLogHealthOrEndpoints() {
		try (SampleAppProcess app = SampleAppProcess.builder()
			.postgres(this.database.url(), user(), APP_PASSWORD)
			.env("MIGRATOR_DATASOURCE_URL", withPassword(this.database.url()))
			.env("MIGRATOR_DATASOURCE_USERNAME", user())
			.env("MIGRATOR_DATASOURCE_PASSWORD", MIGRATOR_PASSWORD)
			.arg("--logging.level.root=TRACE")
			.arg("--debug")
			.start()) {
			app.awaitStatus("/actuator/health/readiness", 200, TIMEOUT);
			for (String path : List.of("/actuator/health", "/actuator/health/migrator", "/actuator/health/readiness",
					"/actuator/health/liveness", "/actuator/migrator", "/actuator/info", "/actuator/metrics",
					"/actuator/metrics/migrator.runs", "/customers", "/customers/summary")) {
				SampleAppProcess.Response response = app.get(path);
				assertThat(response.status()).as(path).isEqualTo(200);
				assertNoPassword(path, response.body());
			}
			assertThat(app.get("/actuator/migrator").body()).contains("V3__index_customer_email.sql");
			assertThat(app.output()).as("the log is at TRACE and names the URLs it connects to")
				.contains(" TRACE ")
				.contains("Connecting with URL: " + this.database.url())
				.contains("CONDITIONS EVALUATION REPORT")
				.contains("Migrated schema from version 0 to 3");
			assertNoPassword("the log", app.output());
		}
	}

	@Test
	void jobsWithEveryLogLevelOnShowNoPasswordInTheirOutput() {
		// The migration user on the application's URL, which carries the application's
		// password.
		for (String command : List.of("migrate", "info", "validate")) {
			try (SampleAppProcess job = SampleAppProcess.builder()
				.postgres(withPassword(this.database.url()), user(), APP_PASSWORD)
				.env("MIGRATOR_DATASOURCE_USERNAME", user())
				.env("MIGRATOR_DATASOURCE_PASSWORD", MIGRATOR_PASSWORD)
				.arg("--migrator.mode=job")
				.arg("--migrator.command=" + command)
				.arg("--logging.level.root=TRACE")
				.arg("--debug")
				.start()) {
				assertThat(job.waitForExit(TIMEOUT)).as(job.output()).isZero();
				assertThat(job.output()).contains(" TRACE ").contains("Connecting with URL: " + this.database.url());
				assertNoPassword(command, job.output());
			}
		}
	}

	@Test
	void failuresWithEveryLogLevelOnShowNoPasswordInMessagesOrStackTraces() {
		// A start that fails: the failure analysis, and its stack trace at debug level.
		try (SampleAppProcess app = SampleAppProcess.builder()
			.postgres(this.database.url(), user(), APP_PASSWORD)
			.env("MIGRATOR_DATASOURCE_URL", withPassword(this.database.url()))
			.env("MIGRATOR_DATASOURCE_USERNAME", "no_such_role_" + UUID.randomUUID().toString().substring(0, 8))
			.env("MIGRATOR_DATASOURCE_PASSWORD", MIGRATOR_PASSWORD)
			.arg("--logging.level.root=TRACE")
			.arg("--debug")
			.start()) {
			assertThat(app.waitForExit(TIMEOUT)).as(app.output()).isEqualTo(Reason.CONNECTION.exitCode());
			assertThat(app.output()).contains("APPLICATION FAILED TO START")
				.contains("does not exist")
				.contains("MigrationException");
			assertNoPassword("a failed start", app.output());
		}
		// A job that cannot reach its database.
		try (SampleAppProcess job = SampleAppProcess.builder()
			.postgres(withPassword("jdbc:postgresql://127.0.0.1:1/nowhere"), user(), APP_PASSWORD)
			.env("MIGRATOR_DATASOURCE_PASSWORD", MIGRATOR_PASSWORD)
			.arg("--migrator.mode=job")
			.arg("--migrator.connect-timeout=1s")
			.arg("--logging.level.root=TRACE")
			.arg("--debug")
			.start()) {
			assertThat(job.waitForExit(TIMEOUT)).as(job.output()).isEqualTo(Reason.CONNECTION.exitCode());
			assertThat(job.output()).contains("127.0.0.1:1");
			assertNoPassword("an unreachable database", job.output());
		}
	}

	private String user() {
		return this.database.username();
	}

	private static String withPassword(String url) {
		return url + (url.contains("?") ? "&" : "?") + "password=" + URL_PASSWORD;
	}

	private static void assertNoPassword(String where, String text) {
		for (String password : PASSWORDS) {
			assertThat(text.contains(password))
				.as("%s shows the password %s at: %s", where, password,
						text.substring(Math.max(0, text.indexOf(password) - 300), Math.max(0, text.indexOf(password))))
				.isFalse();
		}
	}

}
