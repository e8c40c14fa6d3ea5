package io.migrator.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.migrator.core.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quick mode ({@code --sizes=50 --repeat=1}) end to end, so the benchmark never rots:
 * every tool in every scenario, runners spawned with the test classpath, against the test
 * PostgreSQL server ({@code PostgresTestDatabase.server()}).
 */
class BenchmarkQuickTests {

	private static final int N = 50;

	@Test
	void quickRunMeasuresEveryToolInEveryScenarioAndDropsItsDatabases(@TempDir Path dir) throws Exception {
		String url = PostgresTestDatabase.server().adminUrl();
		Path json = dir.resolve("results.json");
		ByteArrayOutputStream markdown = new ByteArrayOutputStream();
		BenchmarkReport report = BenchmarkMain.run(
				BenchmarkOptions.parse("--jdbc-url=" + url, "--sizes=" + N, "--repeat=1", "--json=" + json),
				new PrintStream(markdown, true, StandardCharsets.UTF_8), System.err);

		assertThat(report.summaries()).hasSize(Tool.values().length * Scenario.values().length);
		for (Tool tool : Tool.values()) {
			for (Scenario scenario : Scenario.values()) {
				assertThat(report.summaries()).as("%s %s", tool.id(), scenario.id()).anySatisfy((summary) -> {
					assertThat(summary.tool()).isEqualTo(tool);
					assertThat(summary.scenario()).isEqualTo(scenario);
					assertThat(summary.n()).isEqualTo(N);
					assertThat(summary.medianMillis()).isPositive();
					assertThat(summary.rssMb()).isPositive();
				});
			}
		}
		assertThat(report.measurements()).allSatisfy((measurement) -> {
			assertThat(measurement.applied()).as("migrations recorded by %s", measurement.tool().id()).isEqualTo(N);
			assertThat(measurement.tables()).as("tables created by %s", measurement.tool().id()).isEqualTo(N / 5);
		});

		PostgresServer server = PostgresServer.of(url);
		// One database for cold then noop, one for the replicas, per tool.
		assertThat(report.databases()).hasSize(2 * Tool.values().length).allMatch((name) -> name.startsWith("bench_"));
		assertThat(report.databases()).noneMatch(server::exists);

		List<Map<String, Object>> results = JsonMapper.builder()
			.build()
			.readValue(Files.readString(json), new TypeReference<List<Map<String, Object>>>() {
			});
		assertThat(results).hasSize(12)
			.allSatisfy((result) -> assertThat(result).containsKeys("tool", "n", "scenario", "median_ms", "min_ms",
					"max_ms", "rss_mb"));
		assertThat(results).extracting((result) -> result.get("tool") + "/" + result.get("scenario"))
			.contains("migrator/cold", "flyway/noop", "liquibase/replicas8", "jdbc/cold");

		String table = markdown.toString(StandardCharsets.UTF_8);
		assertThat(table).contains("| scenario | N | migrator | flyway | liquibase | jdbc | flyway/migrator")
			.contains("| cold | 50 |", "| noop | 50 |", "| replicas8 | 50 |");
	}

}
