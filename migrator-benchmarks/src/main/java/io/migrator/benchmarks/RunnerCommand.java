package io.migrator.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one {@link ToolRun} child: this JVM's {@code java}, the user's
 * extra JVM options, and this JVM's class path, which is the benchmark jar when run from
 * it and the test class path under Maven's test runner, so the quick test spawns runners
 * without the jar.
 */
final class RunnerCommand {

	private final BenchmarkOptions options;

	RunnerCommand(BenchmarkOptions options) {
		this.options = options;
	}

	/**
	 * The command that runs a tool once, released by a line on standard input.
	 * @param tool the tool
	 * @param url the database's JDBC URL
	 * @param workload the scripts
	 * @return the command line
	 */
	List<String> of(Tool tool, String url, Workload workload) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.options.jvmArgs());
		command.add("-Dbench.log.level=" + this.options.logLevel());
		// Liquibase asks a remote endpoint whether to send usage data (1.5 s timeout); no
		// other tool calls home.
		command.add("-Dliquibase.analytics.enabled=false");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(ToolRun.class.getName());
		command.add("--tool=" + tool.id());
		command.add("--jdbc-url=" + url);
		command.add("--dir=" + workload.dir());
		command.add("--barrier");
		return command;
	}

}
