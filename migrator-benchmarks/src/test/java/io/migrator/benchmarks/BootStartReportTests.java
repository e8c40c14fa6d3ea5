package io.migrator.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BootStartReport}: medians, extras over the service without a tool, and
 * migrator's extra against the others'.
 */
class BootStartReportTests {

	private static final Environment ENVIRONMENT = new Environment(2, 24105, "PostgreSQL 15.20", "OpenJDK 17", "Linux");

	@Test
	void reportsMediansTheExtrasOverNoToolAndMigratorsShareOfTheOthersExtras(@TempDir Path dir) throws Exception {
		List<BootStart> starts = new ArrayList<>();
		starts.addAll(noop(BootTool.NONE, 2000, 2100, 1900));
		starts.addAll(noop(BootTool.MIGRATOR, 2100, 2200, 2000));
		starts.addAll(noop(BootTool.FLYWAY, 2500, 2400, 2600));
		starts.addAll(noop(BootTool.LIQUIBASE, 3000, 2900, 3100));
		BootStartReport report = new BootStartReport(options(dir), ENVIRONMENT, starts, List.of(),
				Duration.ofSeconds(1));

		assertThat(report.extraMillis(BootTool.MIGRATOR, 1000, Scenario.NOOP)).isEqualTo(100.0);
		assertThat(report.extraMillis(BootTool.FLYWAY, 1000, Scenario.NOOP)).isEqualTo(500.0);
		assertThat(report.markdown("java ...")).contains(
				"| noop | 1000 | 2,000 (1,900–2,100) | 2,100 (2,000–2,200) | 2,500 (2,400–2,600) | 3,000 (2,900–3,100)"
						+ " | 100 | 500 | 1,000 | 0.20 | 0.10 |",
				"| cold | 1000 | — | — | — | — | — | — | — | — | — |");
		assertThat(report.json()).contains("{\"tool\": \"flyway\", \"n\": 1000, \"scenario\": \"noop\","
				+ " \"median_ms\": 2500.0, \"min_ms\": 2400.0, \"max_ms\": 2600.0, \"extra_ms\": 500.0,"
				+ " \"samples_ms\": [2500.0, 2400.0, 2600.0]}");
	}

	@Test
	void theServiceWithoutAToolIsRequired(@TempDir Path dir) throws Exception {
		Path jar = Files.createFile(dir.resolve("service.jar"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BootStartOptions.parse("--jdbc-url=jdbc:postgresql://localhost/x", "--service-jar=" + jar,
					"--tools=migrator,flyway"))
			.withMessageContaining("--tools must include none");
	}

	@Test
	void aMissingServiceJarSaysHowToBuildIt(@TempDir Path dir) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BootStartOptions.parse("--jdbc-url=jdbc:postgresql://localhost/x",
					"--service-jar=" + dir.resolve("missing.jar")))
			.withMessageContaining("./mvnw -pl migrator-benchmarks -am package -DskipTests");
	}

	private static BootStartOptions options(Path dir) throws Exception {
		Path jar = Files.createFile(dir.resolve("service.jar"));
		return BootStartOptions.parse("--jdbc-url=jdbc:postgresql://localhost/x", "--sizes=1000",
				"--service-jar=" + jar);
	}

	private static List<BootStart> noop(BootTool tool, long... millis) {
		List<BootStart> starts = new ArrayList<>();
		for (int i = 0; i < millis.length; i++) {
			starts.add(new BootStart(tool, 1000, Scenario.NOOP, i + 1, millis[i] * 1_000_000, 1000, 200));
		}
		return starts;
	}

}
