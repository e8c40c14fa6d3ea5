package io.migrator.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The command line of {@link BootStartBenchmark}.
 *
 * @param jdbcUrl the server's administrative JDBC URL (a role that may create databases)
 * @param sizes the numbers of migrations to measure
 * @param repeat how many times each start is repeated
 * @param json where to write the JSON results, {@code null} for nowhere
 * @param tools the services to start
 * @param jvmArgs extra options for every service JVM (profiling, heap)
 * @param timeout how long one service may take to become ready
 * @param serviceJar the service fat jar the build made
 * @param connectAtStart whether every service opens a pooled connection before it is
 * ready
 * @param workDir where the scripts, the jar copies and the service logs go, {@code null}
 * for a temporary directory that is deleted afterwards
 * @since 0.3.0
 */
public record BootStartOptions(String jdbcUrl, List<Integer> sizes, int repeat, @Nullable Path json,
		List<BootTool> tools, List<String> jvmArgs, Duration timeout, Path serviceJar, boolean connectAtStart,
		@Nullable Path workDir) {

	private static final Pattern SERVICE_JAR = Pattern.compile("migrator-benchmarks-.+-service\\.jar");

	/** How to call the benchmark. */
	public static final String USAGE = """
			java -cp migrator-benchmarks.jar io.migrator.benchmarks.BootStartBenchmark --jdbc-url=<url> [options]
			  --jdbc-url=URL        a PostgreSQL server's JDBC URL with a role that may create databases,
			                        e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres
			  --sizes=1000          numbers of migrations (default 1000)
			  --repeat=3            starts of each service per scenario; the median is reported (default 3)
			  --json=FILE           also write the results as JSON
			  --tools=LIST          none,migrator,flyway,liquibase (default all)
			  --jvm-args="ARGS"     extra options for every service JVM, e.g. "-XX:StartFlightRecording"
			  --timeout-minutes=M   how long one service may take to become ready (default 10)
			  --service-jar=FILE    the service fat jar (default: migrator-benchmarks-<version>-service.jar
			                        next to the jar this runs from, or in migrator-benchmarks/target)
			  --connect-at-start    every service, the one without a tool too, opens a pooled connection
			                        before it is ready (default: only the tools connect at start)
			  --work-dir=DIR        keep the scripts, jars and service logs there (default a temporary
			                        directory, deleted afterwards)
			""";

	/**
	 * Read the command line.
	 * @param args the arguments
	 * @return the options
	 * @throws IllegalArgumentException naming the argument that is wrong and the fix
	 */
	public static BootStartOptions parse(String... args) {
		String jdbcUrl = null;
		List<Integer> sizes = List.of(1000);
		int repeat = 3;
		Path json = null;
		List<BootTool> tools = List.of(BootTool.values());
		List<String> jvmArgs = List.of();
		Duration timeout = Duration.ofMinutes(10);
		Path serviceJar = null;
		boolean connectAtStart = false;
		Path workDir = null;
		for (String arg : args) {
			int eq = arg.indexOf('=');
			String name = (eq > 0) ? arg.substring(0, eq) : arg;
			String value = (eq > 0) ? arg.substring(eq + 1) : "";
			switch (name) {
				case "--jdbc-url" -> jdbcUrl = value;
				case "--sizes" -> sizes = BenchmarkOptions.list(value)
					.stream()
					.map((s) -> BenchmarkOptions.positive(name, s))
					.toList();
				case "--repeat" -> repeat = BenchmarkOptions.positive(name, value);
				case "--json" -> json = Path.of(value);
				case "--tools" -> tools = BenchmarkOptions.list(value).stream().map(BootTool::of).toList();
				case "--jvm-args" -> jvmArgs = value.isBlank() ? List.of() : List.of(value.trim().split("\\s+"));
				case "--timeout-minutes" -> timeout = Duration.ofMinutes(BenchmarkOptions.positive(name, value));
				case "--service-jar" -> serviceJar = Path.of(value);
				case "--connect-at-start" -> connectAtStart = true;
				case "--work-dir" -> workDir = Path.of(value);
				default -> throw new IllegalArgumentException("Unknown argument " + arg + "\n" + USAGE);
			}
		}
		if (jdbcUrl == null || jdbcUrl.isBlank()) {
			throw new IllegalArgumentException("--jdbc-url is required\n" + USAGE);
		}
		if (!tools.contains(BootTool.NONE)) {
			throw new IllegalArgumentException("--tools must include none: every extra is taken from it");
		}
		serviceJar = (serviceJar != null) ? serviceJar : defaultServiceJar();
		if (!Files.isRegularFile(serviceJar)) {
			throw new IllegalArgumentException("No service jar at " + serviceJar.toAbsolutePath()
					+ ": build it with ./mvnw -pl migrator-benchmarks -am package -DskipTests, or name it with"
					+ " --service-jar=FILE");
		}
		return new BootStartOptions(jdbcUrl, sizes, repeat, json, tools, jvmArgs, timeout, serviceJar, connectAtStart,
				workDir);
	}

	/**
	 * The service jar the build puts next to the benchmark's jar: in the directory of the
	 * jar this class runs from, or, run from {@code target/classes}, in {@code target}.
	 */
	private static Path defaultServiceJar() {
		try {
			Path here = Path.of(BootStartOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			Path target = here.toAbsolutePath().getParent();
			try (Stream<Path> files = Files.list(target)) {
				return files.filter((file) -> SERVICE_JAR.matcher(file.getFileName().toString()).matches())
					.findFirst()
					.orElse(target.resolve("migrator-benchmarks-<version>-service.jar"));
			}
		}
		catch (URISyntaxException | IOException | RuntimeException ex) {
			return Path.of("migrator-benchmarks-<version>-service.jar");
		}
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
		if (!this.tools.equals(List.of(BootTool.values()))) {
			args.add("--tools=" + String.join(",", this.tools.stream().map(BootTool::id).toList()));
		}
		if (!this.jvmArgs.isEmpty()) {
			args.add("--jvm-args=\"" + String.join(" ", this.jvmArgs) + "\"");
		}
		if (this.connectAtStart) {
			args.add("--connect-at-start");
		}
		if (this.json != null) {
			args.add("--json=" + this.json);
		}
		return String.join(" ", args);
	}

}
