package io.migrator.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.migrator.core.rehearse.RehearsalReport;
import io.migrator.core.rehearse.RehearsalStep;
import io.migrator.core.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rehearsal benchmark runs over the workload with its undo scripts and reports; it
 * asserts what was found (every undo restores the schema), never how fast.
 */
class RehearsalBenchmarkTests {

	@Test
	void rehearsesTheWorkloadWhoseUndoScriptsRestoreTheSchemaAndReportsTheTimes() throws Exception {
		String url = PostgresTestDatabase.server().adminUrl();
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
