package io.migrator.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Boot-level start: the same small Spring Boot web service ({@code BenchService}, a
 * fat jar run with {@code java -jar}) with no migration tool, with migrator, with Boot's
 * Flyway integration and with Boot's Liquibase integration, timed from process start to
 * the first {@code 200} of {@code /actuator/health/readiness}:
 * <ol>
 * <li>per size, the workload is generated once and copied into one service jar per tool
 * ({@link ServiceJar}): the same script bytes for every tool;</li>
 * <li>per repetition, per tool (the order rotated as in {@link Benchmark}): a fresh
 * database, {@code cold} (every script pending), then {@code noop} (a second start on
 * what the cold start left: what every pod restart pays), each after a checkpoint; the
 * database is checked after each start (the tool's history holds every script once, every
 * table exists; without a tool, nothing exists) and dropped.</li>
 * </ol>
 * Usage: see {@link BootStartOptions#USAGE}. The Markdown goes to standard output,
 * progress to standard error.
 *
 * @since 0.3.0
 */
public final class BootStartBenchmark {

	private static final String ALL_TABLES_SQL = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'";

	private final BootStartOptions options;

	private final PrintStream progress;

	private final PostgresServer server;

	private final ServiceStart start;

	private final List<BootStart> starts = new ArrayList<>();

	private final List<String> databases = new CopyOnWriteArrayList<>();

	private final Checkpoints checkpoints;

	/**
	 * @param options what to run
	 * @param progress where to report progress
	 */
	public BootStartBenchmark(BootStartOptions options, PrintStream progress) {
		this.options = options;
		this.progress = progress;
		this.server = PostgresServer.of(options.jdbcUrl());
		this.checkpoints = new Checkpoints(this.server, (warning) -> log("%s", warning));
		this.start = new ServiceStart(options.jvmArgs(), options.timeout(), options.connectAtStart());
	}

	public static void main(String[] args) throws IOException {
		BootStartOptions options;
		try {
			options = BootStartOptions.parse(args);
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
	public static BootStartReport run(BootStartOptions options, PrintStream out, PrintStream progress)
			throws IOException {
		BootStartReport report = new BootStartBenchmark(options, progress).run();
		out.print(report.markdown("java -cp " + BenchmarkMain.benchmarkJar() + " " + BootStartBenchmark.class.getName()
				+ " " + options.commandLine()));
		out.flush();
		if (options.json() != null) {
			Path json = options.json().toAbsolutePath();
			if (json.getParent() != null) {
				Files.createDirectories(json.getParent());
			}
			Files.writeString(json, report.json(), StandardCharsets.UTF_8);
			progress.println("Wrote " + json);
		}
		return report;
	}

	/**
	 * Run every size, repetition and tool.
	 * @return the starts, checked
	 * @throws IllegalStateException if a service fails or a database is not as expected
	 */
	public BootStartReport run() {
		long began = System.nanoTime();
		Environment environment = Environment.of(this.server);
		Path root = Benchmark.workRoot(this.options.workDir());
		Thread cleanUp = new Thread(() -> Benchmark.abandon(this.server, this.databases, this.progress),
				"bench-clean-up");
		Runtime.getRuntime().addShutdownHook(cleanUp);
		try {
			for (int n : this.options.sizes()) {
				runSize(root.resolve("n" + n), n);
			}
		}
		finally {
			Runtime.getRuntime().removeShutdownHook(cleanUp);
			if (this.options.workDir() == null) {
				Benchmark.deleteQuietly(root);
			}
		}
		return new BootStartReport(this.options, environment, List.copyOf(this.starts), List.copyOf(this.databases),
				Duration.ofNanos(System.nanoTime() - began));
	}

	private void runSize(Path dir, int n) {
		log("N=%d: generating %d scripts and one service jar per tool in %s", n, n, dir);
		Workload workload = Workload.generate(dir, n);
		Map<BootTool, Path> jars = new EnumMap<>(BootTool.class);
		for (BootTool tool : this.options.tools()) {
			jars.put(tool, ServiceJar.write(this.options.serviceJar(), tool, workload,
					dir.resolve("service-" + tool.id() + ".jar")));
		}
		for (int rep = 1; rep <= this.options.repeat(); rep++) {
			for (BootTool tool : Benchmark.order(this.options.tools(), rep)) {
				coldThenNoop(tool, jars.get(tool), workload, rep, dir);
			}
		}
	}

	private void coldThenNoop(BootTool tool, Path jar, Workload workload, int rep, Path dir) {
		String database = this.server.createDatabase();
		this.databases.add(database);
		try {
			for (Scenario scenario : List.of(Scenario.COLD, Scenario.NOOP)) {
				String label = tool.id() + " " + scenario.id() + " at N=" + workload.n() + " (repetition " + rep + ")";
				Path log = dir.resolve(tool.id() + "-" + scenario.id() + "-" + rep + ".log");
				this.checkpoints.take();
				long nanos = this.start.timeToReady(tool, jar, this.server.urlFor(database), log, label);
				record(checked(tool, workload, scenario, rep, database, nanos, label));
			}
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	/**
	 * The start, once the database shows what the tool should have done: every migration
	 * applied exactly once and every table there, or, without a tool, nothing at all.
	 */
	private BootStart checked(BootTool tool, Workload workload, Scenario scenario, int rep, String database, long nanos,
			String label) {
		String appliedSql = tool.appliedCountSql();
		if (appliedSql == null) {
			long tables = this.server.queryLong(database, ALL_TABLES_SQL);
			if (tables != 0) {
				throw new IllegalStateException(label + ": the service without a migration tool left " + tables
						+ " tables; expected none. Is a tool's jar left in its copy of the service jar?");
			}
			return new BootStart(tool, workload.n(), scenario, rep, nanos, 0, 0);
		}
		long applied = this.server.queryLong(database, appliedSql);
		long tables = this.server.queryLong(database, Benchmark.TABLES_SQL);
		if (applied != workload.n() || tables != workload.expectedTables()) {
			throw new IllegalStateException(label + ": its history records " + applied + " applied migrations and "
					+ tables + " tables exist; expected " + workload.n() + " and " + workload.expectedTables());
		}
		return new BootStart(tool, workload.n(), scenario, rep, nanos, applied, tables);
	}

	private void record(BootStart start) {
		this.starts.add(start);
		log("N=%d rep %d/%d %-9s %-5s ready after %8.1f ms", start.n(), start.repetition(), this.options.repeat(),
				start.tool().id(), start.scenario().id(), start.readyMillis());
	}

	private void log(String format, Object... args) {
		Benchmark.log(this.progress, format, args);
	}

}
