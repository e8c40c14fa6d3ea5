package io.migrator.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's command line: runs the scenarios, prints the Markdown tables to
 * standard output (progress goes to standard error) and writes the JSON file when asked.
 * See {@link BenchmarkOptions#USAGE}.
 *
 * @since 0.1.0
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws IOException {
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(64);
			return;
		}
		run(options, System.out, System.err);
	}

	/**
	 * Run the benchmark and report it.
	 * @param options what to run
	 * @param out where the Markdown goes
	 * @param progress where progress goes
	 * @return the report
	 * @throws IOException if the JSON file cannot be written
	 */
	public static BenchmarkReport run(BenchmarkOptions options, PrintStream out, PrintStream progress)
			throws IOException {
		BenchmarkReport report = new Benchmark(options, progress).run();
		out.print(new MarkdownReport(report).render(command(options)));
		out.flush();
		if (options.json() != null) {
			Path json = options.json().toAbsolutePath();
			if (json.getParent() != null) {
				Files.createDirectories(json.getParent());
			}
			Files.writeString(json, JsonReport.render(report.summaries()), StandardCharsets.UTF_8);
			progress.println("Wrote " + json);
		}
		return report;
	}

	private static String command(BenchmarkOptions options) {
		return "java -jar " + benchmarkJar() + " " + options.commandLine();
	}

	/**
	 * The benchmark jar as a reader runs it, for the command lines in the reports.
	 * @return its path from the repository's root
	 */
	static String benchmarkJar() {
		String classPath = System.getProperty("java.class.path");
		String jar = (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator))
				? Path.of(classPath).getFileName().toString() : "migrator-benchmarks-<version>.jar";
		return "migrator-benchmarks/target/" + jar;
	}

}
