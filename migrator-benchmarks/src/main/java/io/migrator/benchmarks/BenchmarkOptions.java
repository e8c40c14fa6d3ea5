package io.migrator.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The command line of {@link BenchmarkMain}.
 *
 * @param jdbcUrl the server's administrative JDBC URL (a role that may create databases)
 * @param sizes the numbers of migrations to measure
 * @param repeat how many times each measurement is repeated
 * @param json where to write the JSON results, {@code null} for nowhere
 * @param tools the tools to compare
 * @param scenarios the scenarios to run
 * @param maxN per tool, the largest size it is run at (sizes above are skipped and
 * reported so)
 * @param jvmArgs extra options for every runner JVM (profiling, heap)
 * @param logLevel the runners' log level
 * @param timeout how long one runner may take
 * @param workDir where the generated scripts go, {@code null} for a temporary directory
 * @since 0.1.0
 */
public record BenchmarkOptions(String jdbcUrl, List<Integer> sizes, int repeat, @Nullable Path json, List<Tool> tools,
		List<Scenario> scenarios, Map<Tool, Integer> maxN, List<String> jvmArgs, String logLevel, Duration timeout,
		@Nullable Path workDir) {

	/** How to call the benchmark. */
	public static final String USAGE = """
			java -jar migrator-benchmarks.jar --jdbc-url=<url> [options]
			  --jdbc-url=URL        a PostgreSQL server's JDBC URL with a role that may create databases,
			                        e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres
			  --sizes=100,1000      numbers of migrations (default 100,1000)
			  --repeat=3            repetitions of each measurement; the median is reported (default 3)
			  --json=FILE           also write the results as JSON
			  --tools=LIST          migrator,flyway,liquibase,jdbc (default all)
			  --scenarios=LIST      cold,noop,replicas8 (default all)
			  --max-n=TOOL:N,...    run a tool only up to N migrations, e.g. liquibase:1000
			  --jvm-args="ARGS"     extra options for every runner JVM, e.g. "-XX:StartFlightRecording"
			  --log-level=LEVEL     the runners' log level (default WARN)
			  --timeout-minutes=M   how long one runner may take (default 60)
			  --work-dir=DIR        where to generate the scripts (default a temporary directory)
			""";

	/**
	 * Read the command line.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException naming the argument that is wrong and the fix
	 */
	public static BenchmarkOptions parse(String... args) {
		String jdbcUrl = null;
		List<Integer> sizes = List.of(100, 1000);
		int repeat = 3;
		Path json = null;
		List<Tool> tools = List.of(Tool.values());
		List<Scenario> scenarios = List.of(Scenario.values());
		Map<Tool, Integer> maxN = new EnumMap<>(Tool.class);
		List<String> jvmArgs = List.of();
		String logLevel = "WARN";
		Duration timeout = Duration.ofMinutes(60);
		Path workDir = null;
		for (String arg : args) {
			int eq = arg.indexOf('=');
			String name = (eq > 0) ? arg.substring(0, eq) : arg;
			String value = (eq > 0) ? arg.substring(eq + 1) : "";
			switch (name) {
				case "--jdbc-url" -> jdbcUrl = value;
				case "--sizes" -> sizes = list(value).stream().map((size) -> positive(name, size)).toList();
				case "--repeat" -> repeat = positive(name, value);
				case "--json" -> json = Path.of(value);
				case "--tools" -> tools = list(value).stream().map(Tool::of).toList();
				case "--scenarios" -> scenarios = list(value).stream().map(Scenario::of).toList();
				case "--max-n" -> {
					for (String limit : list(value)) {
						String[] parts = limit.split(":", 2);
						if (parts.length != 2) {
							throw new IllegalArgumentException(
									"--max-n takes TOOL:N pairs, e.g. liquibase:1000; got " + limit);
						}
						maxN.put(Tool.of(parts[0]), positive(name, parts[1]));
					}
				}
				case "--jvm-args" -> jvmArgs = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
				case "--log-level" -> logLevel = value;
				case "--timeout-minutes" -> timeout = Duration.ofMinutes(positive(name, value));
				case "--work-dir" -> workDir = Path.of(value);
				default -> throw new IllegalArgumentException("Unknown argument " + arg + "\n" + USAGE);
			}
		}
		if (jdbcUrl == null || jdbcUrl.isBlank()) {
			throw new IllegalArgumentException("--jdbc-url is required\n" + USAGE);
		}
		return new BenchmarkOptions(jdbcUrl, sizes, repeat, json, tools, scenarios, Map.copyOf(maxN), jvmArgs, logLevel,
				timeout, workDir);
	}

	/**
	 * Whether a tool runs at a size.
	 * @param tool the tool
	 * @param n the size
	 * @return whether it is within the tool's {@code --max-n}
	 */
	public boolean runs(Tool tool, int n) {
		return n <= this.maxN.getOrDefault(tool, Integer.MAX_VALUE);
	}

	/**
	 * The options as a command line, for the report.
	 * @return the arguments that reproduce this run
	 */
	public String commandLine() {
		List<String> args = new ArrayList<>();
		args.add("--jdbc-url=" + this.jdbcUrl);
		args.add("--sizes=" + String.join(",", this.sizes.stream().map(String::valueOf).toList()));
		args.add("--repeat=" + this.repeat);
		if (!this.tools.equals(List.of(Tool.values()))) {
			args.add("--tools=" + String.join(",", this.tools.stream().map(Tool::id).toList()));
		}
		if (!this.scenarios.equals(List.of(Scenario.values()))) {
			args.add("--scenarios=" + String.join(",", this.scenarios.stream().map(Scenario::id).toList()));
		}
		if (!this.maxN.isEmpty()) {
			args.add("--max-n=" + String.join(",",
					this.maxN.entrySet().stream().map((e) -> e.getKey().id() + ":" + e.getValue()).toList()));
		}
		if (!this.jvmArgs.isEmpty()) {
			args.add("--jvm-args=\"" + String.join(" ", this.jvmArgs) + "\"");
		}
		if (!this.logLevel.equals("WARN")) {
			args.add("--log-level=" + this.logLevel);
		}
		if (this.json != null) {
			args.add("--json=" + this.json);
		}
		return String.join(" ", args);
	}

	static List<String> list(String value) {
		return Arrays.stream(value.split(",")).map(String::trim).filter((item) -> !item.isEmpty()).toList();
	}

	static int positive(String name, String value) {
		try {
			int number = Integer.parseInt(value.trim());
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new IllegalArgumentException(name + " takes positive whole numbers; got '" + value + "'");
	}

}
