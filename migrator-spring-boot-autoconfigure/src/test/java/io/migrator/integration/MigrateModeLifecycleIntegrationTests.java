package io.migrator.integration;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.jayway.jsonpath.JsonPath;
import io.migrator.autoconfigure.MigrationGate;
import io.migrator.core.testsupport.FreshPostgresDatabase;
import io.migrator.integration.BackgroundApplication.Response;
import io.migrator.integration.app.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The startup contract of mode {@code migrate} on a real PostgreSQL and a real web
 * server: while a slow migration runs the application is live but not ready; afterwards
 * it is ready, and health, the endpoint and the metrics tell what happened.
 */
class MigrateModeLifecycleIntegrationTests {

	@RegisterExtension
	final FreshPostgresDatabase database = new FreshPostgresDatabase();

	@Test
	void isLiveButNotReadyWhileMigratingAndReadyAfterwards() throws Exception {
		try (BackgroundApplication app = BackgroundApplication.start(TestApplication.class, this.database,
				"migrator.locations=classpath:db/slow")) {
			Response migrating = awaitResponse(app, "/actuator/health/migrator",
					(response) -> response.body().contains("V2__slow_backfill.sql"));
			assertThat(migrating.status()).isEqualTo(503);
			assertThat(read(migrating, "$.status")).isEqualTo("OUT_OF_SERVICE");
			assertThat(read(migrating, "$.details.state")).isEqualTo("MIGRATING");
			assertThat(read(migrating, "$.details.schemaVersion")).isEqualTo("1");
			assertThat(read(migrating, "$.details.expectedVersion")).isEqualTo("2");

			Response liveness = app.get("/actuator/health/liveness");
			Response readiness = app.get("/actuator/health/readiness");
			assertThat(app.isStarted()).as("still migrating while probed").isFalse();
			assertThat(liveness.status()).isEqualTo(200);
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(read(readiness, "$.components.migrator.status")).isEqualTo("OUT_OF_SERVICE");

			ConfigurableApplicationContext context = app.awaitStarted();
			assertThat(context.getBean(MigrationGate.class).isMigrated()).isTrue();

			Response ready = app.get("/actuator/health/readiness");
			assertThat(ready.status()).isEqualTo(200);
			assertThat(read(ready, "$.components.readinessState.status")).isEqualTo("UP");
			assertThat(read(ready, "$.components.migrator.status")).isEqualTo("UP");

			Response health = app.get("/actuator/health/migrator");
			assertThat(health.status()).isEqualTo(200);
			assertThat(read(health, "$.details"))
				.isEqualTo(Map.of("state", "MIGRATED", "schemaVersion", "2", "expectedVersion", "2", "pending", 0));

			Response endpoint = app.get("/actuator/migrator");
			assertThat(endpoint.status()).isEqualTo(200);
			assertThat(read(endpoint, "$.schemaVersion")).isEqualTo("2");
			assertThat(read(endpoint, "$.expectedVersion")).isEqualTo("2");
			assertThat(read(endpoint, "$.pending")).isEqualTo(0);
			List<Map<String, Object>> migrations = list(endpoint, "$.migrations");
			assertThat(migrations).hasSize(2);
			Map<String, Object> slow = migrations.get(1);
			assertThat(slow).containsEntry("version", "2")
				.containsEntry("description", "slow backfill")
				.containsEntry("type", "VERSIONED")
				.containsEntry("state", "APPLIED")
				.containsEntry("script", "V2__slow_backfill.sql")
				.containsEntry("installedBy", this.database.username())
				.containsKeys("checksum", "installedOn", "executionTime");
			assertThat(((Number) slow.get("executionTime")).longValue()).isGreaterThanOrEqualTo(4000);

			Response runs = app.get("/actuator/metrics/migrator.runs?tag=command:migrate&tag=outcome:success");
			assertThat(runs.status()).isEqualTo(200);
			assertThat(read(runs, "$.measurements[0].value")).isEqualTo(1.0);
			Response scripts = app.get("/actuator/metrics/migrator.script.duration?tag=outcome:success");
			assertThat(read(scripts, "$.measurements[?(@.statistic == 'COUNT')].value")).isEqualTo(List.of(2.0));
			Response version = app.get("/actuator/metrics/migrator.schema.version");
			assertThat(read(version, "$.measurements[0].value")).isEqualTo(2.0);
			Response pending = app.get("/actuator/metrics/migrator.pending");
			assertThat(read(pending, "$.measurements[0].value")).isEqualTo(0.0);
		}
	}

	@Test
	void aSecondStartFindsTheSchemaCurrentAndIsReadyAtOnce() throws Exception {
		try (BackgroundApplication first = BackgroundApplication.start(TestApplication.class, this.database,
				"migrator.locations=classpath:db/slow")) {
			first.awaitStarted();
		}
		try (BackgroundApplication second = BackgroundApplication.start(TestApplication.class, this.database,
				"migrator.locations=classpath:db/slow")) {
			second.awaitStarted();
			assertThat(second.get("/actuator/health/readiness").status()).isEqualTo(200);
			assertThat(second.get("/actuator/metrics/migrator.script.duration").status()).as("no script ran")
				.isEqualTo(404);
			assertThat(second.get("/actuator/metrics/migrator.runs?tag=outcome:success").status()).isEqualTo(200);
			assertThat(read(second.get("/actuator/health/migrator"), "$.details.state")).isEqualTo("MIGRATED");
		}
	}

	private static Response awaitResponse(BackgroundApplication app, String path, Predicate<Response> condition)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		Response last = null;
		while (System.nanoTime() < deadline) {
			last = app.get(path);
			if (condition.test(last)) {
				return last;
			}
			if (app.isStarted()) {
				break;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("No matching response from " + path + "; last was " + last);
	}

	private static Object read(Response response, String path) {
		return JsonPath.read(response.body(), path);
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> list(Response response, String path) {
		return (List<Map<String, Object>>) read(response, path);
	}

}
