package io.migrator.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.migrator.core.lint.LintReport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lint benchmark runs over the workload and reports; it asserts what was found, never
 * how fast.
 */
class LintBenchmarkTests {

	@Test
	void lintsTheWorkloadAndReportsTheTimes() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		LintReport report = LintBenchmark.run(10, 2, new PrintStream(out, true, StandardCharsets.UTF_8));
		assertThat(report.scriptsChecked()).isEqualTo(10);
		// V2 and V7 index a table an earlier script created: offline, those are in use.
		assertThat(report.findings()).extracting((finding) -> finding.rule().id())
			.contains("create-index-non-concurrently");
		assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("lint of 10 scripts: median ")
			.contains("over 2 rounds");
	}

}
