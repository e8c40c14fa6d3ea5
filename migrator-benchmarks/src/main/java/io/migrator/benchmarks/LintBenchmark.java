package io.migrator.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Arrays;

import io.migrator.core.lint.LintReport;
import io.migrator.core.lint.ScriptLint;

/**
 * How long the safety lint takes over the benchmark's workload (the same N scripts the
 * migration scenarios apply), offline, as a project's test or CI step runs it: one
 * warm-up round, then timed rounds, each reading, splitting, classifying and checking
 * every script. Usage:
 * {@code java -cp migrator-benchmarks.jar io.migrator.benchmarks.LintBenchmark
 * [scripts] [rounds]}.
 *
 * @since 0.2.0
 */
public final class LintBenchmark {

	private LintBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int scripts = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		run(scripts, rounds, System.out);
	}

	/**
	 * Lint a generated workload and print the times.
	 * @param scripts how many scripts
	 * @param rounds how many timed rounds
	 * @param out where the result goes
	 * @return the last round's report
	 * @throws Exception if the workload cannot be written
	 */
	public static LintReport run(int scripts, int rounds, PrintStream out) throws Exception {
		Workload workload = Workload.generate(Files.createTempDirectory("migrator-lint-benchmark"), scripts);
		try {
			String location = "filesystem:" + workload.dir().resolve("sql");
			LintReport report = ScriptLint.check(location);
			long[] millis = new long[rounds];
			for (int i = 0; i < rounds; i++) {
				long start = System.nanoTime();
				report = ScriptLint.check(location);
				millis[i] = (System.nanoTime() - start) / 1_000_000;
			}
			Arrays.sort(millis);
			out.printf("lint of %d scripts: median %d ms (min %d, max %d) over %d rounds; %d findings%n", scripts,
					millis[rounds / 2], millis[0], millis[rounds - 1], rounds, report.findings().size());
			return report;
		}
		finally {
			workload.delete();
		}
	}

}
