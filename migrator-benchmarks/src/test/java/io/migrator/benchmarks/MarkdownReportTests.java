package io.migrator.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MarkdownReport}: the tables people copy into docs/performance.md.
 */
class MarkdownReportTests {

	private static final Environment ENVIRONMENT = new Environment(2, 24105, "PostgreSQL 15.20", "OpenJDK 17", "Linux");

	@Test
	void timeTableShowsMedianWithMinAndMaxAndTheRatiosOfMedians() {
		String md = render(all(cold(Tool.MIGRATOR, 100, 300, 200), cold(Tool.FLYWAY, 500, 400, 600),
				cold(Tool.LIQUIBASE, 900, 800, 1000), cold(Tool.JDBC, 80, 90, 100)));
		assertThat(md).contains("| cold | 1000 | 200 (100–300) | 500 (400–600) | 900 (800–1,000) | 90.0 (80.0–100)"
				+ " | 2.50× | 4.50× | 2.22× |");
	}

	@Test
	void otherTablesShowTheMedianAndADashForAToolThatDidNotRun() {
		String md = render(all(cold(Tool.MIGRATOR, 100, 300, 200), cold(Tool.JDBC, 80, 90, 100)));
		assertThat(md).contains("### Peak RSS").contains("| cold | 1000 | 100 | — | — | 50.0 | — | — | 2.00× |");
		assertThat(md).contains("### CPU").contains("| cold | 1000 | 150 | — | — | 75.0 | — | — | 2.00× |");
	}

	@SafeVarargs
	private static List<Measurement> all(List<Measurement>... tools) {
		return Stream.of(tools).flatMap(List::stream).toList();
	}

	private static String render(List<Measurement> measurements) {
		BenchmarkOptions options = BenchmarkOptions.parse("--jdbc-url=jdbc:postgresql://localhost/x", "--sizes=1000",
				"--repeat=3", "--scenarios=cold");
		return new MarkdownReport(
				new BenchmarkReport(options, ENVIRONMENT, measurements, List.of(), List.of(), Duration.ofSeconds(1)))
			.render("java -jar bench.jar");
	}

	/**
	 * Three repetitions; peak RSS and CPU derive from the tool, so every table has
	 * numbers.
	 */
	private static List<Measurement> cold(Tool tool, long... millis) {
		return LongStream.of(millis)
			.mapToObj((ms) -> new Measurement(tool, 1000, Scenario.COLD, 0, ms * 1_000_000,
					(tool == Tool.JDBC) ? 75_000_000 : 150_000_000, ms * 2_000_000,
					(tool == Tool.JDBC) ? 50 * 1024 : 100 * 1024, 1000, 200, 0))
			.toList();
	}

}
