package io.migrator.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.migrator.core.rehearse.RehearsalReport;
import io.migrator.core.rehearse.RehearsalStep;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The rehearsal benchmark runs over the workload with its undo scripts and reports; it
 * asserts what was found (every undo restores the schema), never how fast.
 */
class RehearsalBenchmarkTests {

	private static final String URL_VARIABLE = "MIGRATOR_TEST_POSTGRES_URL";

	@Test
	void rehearsesTheWorkloadWhoseUndoScriptsRestoreTheSchemaAndReportsTheTimes() throws Exception {
		String url = System.getenv(URL_VARIABLE);
		if (url == null || url.isBlank()) {
			fail(URL_VARIABLE + " is not set: the rehearsal benchmark needs a PostgreSQL server whose role may create"
					+ " databases, e.g. export " + URL_VARIABLE
					+ "=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		List<RehearsalReport> reports = RehearsalBenchmark.run(url, new int[] { 10 },
				new PrintStream(out, true, StandardCharsets.UTF_8));

		assertThat(reports).singleElement().satisfies((report) -> {
			assertThat(report.passed()).as(report.summary()).isTrue();
			assertThat(report.steps()).hasSize(30).allMatch((step) -> step.outcome() == RehearsalStep.Outcome.OK);
		});
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("| scripts | rehearse (ms) |").contains("| 10 | ");
	}

}
