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
 * The Boot-level start's quick mode ({@code --sizes=20 --repeat=1}) end to end, so the
 * harness never rots: the service fat jar the build made, started with each tool in both
 * scenarios against the tests' PostgreSQL ({@code PostgresTestDatabase.server()}). An
 * integration test (failsafe, after {@code package}), because it needs the service jar;
 * the build passes its path as {@code bench.service.jar}.
 */
class BootStartBenchmarkIT {

	private static final int N = 20;

	@Test
	void everyServiceBecomesReadyInBothScenariosWithWhatItsToolShouldHaveDone(@TempDir Path dir) throws Exception {
		String url = PostgresTestDatabase.server().adminUrl();
		String serviceJar = System.getProperty("bench.service.jar");
		assertThat(serviceJar).as("the service jar, passed by the build as bench.service.jar").isNotBlank();
		Path json = dir.resolve("boot-start.json");
		ByteArrayOutputStream markdown = new ByteArrayOutputStream();
		BootStartReport report = BootStartBenchmark.run(
				BootStartOptions.parse("--jdbc-url=" + url, "--sizes=" + N, "--repeat=1", "--json=" + json,
						"--service-jar=" + serviceJar, "--work-dir=" + dir.resolve("work")),
				new PrintStream(markdown, true, StandardCharsets.UTF_8), System.err);

		assertThat(report.starts()).hasSize(BootTool.values().length * 2);
		for (BootTool tool : BootTool.values()) {
			for (Scenario scenario : List.of(Scenario.COLD, Scenario.NOOP)) {
				assertThat(report.starts()).as("%s %s", tool.id(), scenario.id()).anySatisfy((start) -> {
					assertThat(start.tool()).isEqualTo(tool);
					assertThat(start.scenario()).isEqualTo(scenario);
					assertThat(start.readyNanos()).isPositive();
					assertThat(start.applied()).isEqualTo((tool == BootTool.NONE) ? 0 : N);
					assertThat(start.tables()).isEqualTo((tool == BootTool.NONE) ? 0 : N / 5);
				});
			}
		}

		PostgresServer server = PostgresServer.of(url);
		assertThat(report.databases()).hasSize(BootTool.values().length).allMatch((name) -> name.startsWith("bench_"));
		assertThat(report.databases()).noneMatch(server::exists);

		List<Map<String, Object>> results = JsonMapper.builder()
			.build()
			.readValue(Files.readString(json), new TypeReference<List<Map<String, Object>>>() {
			});
		assertThat(results).hasSize(8)
			.allSatisfy((result) -> assertThat(result).containsKeys("tool", "n", "scenario", "median_ms", "extra_ms"));
		assertThat(markdown.toString(StandardCharsets.UTF_8))
			.contains("| scenario | N | none | migrator | flyway | liquibase | migrator extra |")
			.contains("| cold | 20 |", "| noop | 20 |");
	}

}
