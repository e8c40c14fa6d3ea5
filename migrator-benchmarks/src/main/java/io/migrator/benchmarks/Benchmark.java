package io.migrator.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * Runs every size, repetition, tool and scenario:
 * <ol>
 * <li>per size, generate the workload once: the same files for every tool;</li>
 * <li>per repetition, per tool (the order changes, so no tool always runs first or always
 * after the same one):
 * <ul>
 * <li>{@code cold} then {@code noop}: a fresh database, one runner applies everything
 * (timed as cold), a second runner in a new JVM finds nothing to do (timed as noop), the
 * database is dropped;</li>
 * <li>{@code replicas8}: a fresh database, a {@link ReplicaRace}, the database
 * dropped;</li>
 * </ul>
 * </li>
 * <li>before every runner starts, the server takes a checkpoint, so no run pays for the
 * previous one's writes;</li>
 * <li>after every run, the database is checked: the tool's history records every
 * migration exactly once and every table exists, or the run fails.</li>
 * </ol>
 *
 * @since 0.1.0
 */
public final class Benchmark {

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

	/** Counts the workload's tables in a database. */
	static final String TABLES_SQL = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
			+ " AND tablename ~ '^t_[0-9]+$'";

	private final BenchmarkOptions options;

	private final PrintStream progress;

	private final PostgresServer server;

	private final RunnerCommand command;

	private final ReplicaRace race;

	private final List<Measurement> measurements = new ArrayList<>();

	private final List<String> databases = new CopyOnWriteArrayList<>();

	private final List<String> skipped = new ArrayList<>();

	private final Checkpoints checkpoints;

	/**
	 * @param options what to run
	 * @param progress where to report progress (the results go to the report)
	 */
	public Benchmark(BenchmarkOptions options, PrintStream progress) {
		this.options = options;
		this.progress = progress;
		this.server = PostgresServer.of(options.jdbcUrl());
		this.command = new RunnerCommand(options);
		this.checkpoints = new Checkpoints(this.server, (warning) -> log("%s", warning));
		this.race = new ReplicaRace(this.command, options.timeout(), (line) -> log("%s", line));
	}

	/**
	 * Run everything.
	 * @return the measurements
	 * @throws IllegalStateException if a runner fails or a database is not as expected
	 * afterwards
	 */
	public BenchmarkReport run() {
		long start = System.nanoTime();
		Environment environment = Environment.of(this.server);
		Path root = workRoot(this.options.workDir());
		Thread cleanUp = new Thread(() -> abandon(this.server, this.databases, this.progress), "bench-clean-up");
		Runtime.getRuntime().addShutdownHook(cleanUp);
		try {
			for (int n : this.options.sizes()) {
				runSize(root.resolve("n" + n), n);
			}
		}
		finally {
			Runtime.getRuntime().removeShutdownHook(cleanUp);
			if (this.options.workDir() == null) {
				deleteQuietly(root);
			}
		}
		return new BenchmarkReport(this.options, environment, List.copyOf(this.measurements), List.copyOf(this.skipped),
				List.copyOf(this.databases), Duration.ofNanos(System.nanoTime() - start));
	}

	private void runSize(Path dir, int n) {
		List<Tool> tools = this.options.tools().stream().filter((tool) -> this.options.runs(tool, n)).toList();
		this.options.tools()
			.stream()
			.filter((tool) -> !tools.contains(tool))
			.forEach((tool) -> this.skipped
				.add(tool.id() + " at N=" + n + " (--max-n=" + tool.id() + ":" + this.options.maxN().get(tool) + ")"));
		log("N=%d: generating %d scripts in %s", n, n, dir);
		Workload workload = Workload.generate(dir, n);
		try {
			for (int rep = 1; rep <= this.options.repeat(); rep++) {
				for (Tool tool : order(tools, rep)) {
					if (this.options.scenarios().contains(Scenario.COLD)
							|| this.options.scenarios().contains(Scenario.NOOP)) {
						coldThenNoop(tool, workload, rep);
					}
					if (this.options.scenarios().contains(Scenario.REPLICAS8)) {
						replicas(tool, workload, rep);
					}
				}
			}
		}
		finally {
			workload.delete();
		}
	}

	/**
	 * The tools in the order of one repetition: rotated by one each time, and reversed
	 * every other time, so that neither the first place nor the predecessor stays the
	 * same.
	 */
	static <T> List<T> order(List<T> tools, int rep) {
		List<T> order = new ArrayList<>();
		for (int i = 0; i < tools.size(); i++) {
			order.add(tools.get((i + rep - 1) % tools.size()));
		}
		if (rep % 2 == 0) {
			Collections.reverse(order);
		}
		return order;
	}

	private void coldThenNoop(Tool tool, Workload workload, int rep) {
		String database = this.server.createDatabase();
		this.databases.add(database);
		try {
			String url = this.server.urlFor(database);
			ChildProcess.Result cold = runOne(tool, url, workload, "cold");
			Measurement coldRun = checked(tool, workload, Scenario.COLD, rep, database, cold, 0);
			if (this.options.scenarios().contains(Scenario.COLD)) {
				record(coldRun);
			}
			if (this.options.scenarios().contains(Scenario.NOOP)) {
				ChildProcess.Result noop = runOne(tool, url, workload, "noop");
				record(checked(tool, workload, Scenario.NOOP, rep, database, noop, 0));
			}
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	private void replicas(Tool tool, Workload workload, int rep) {
		String database = this.server.createDatabase();
		this.databases.add(database);
		try {
			this.checkpoints.take();
			ReplicaRace.Outcome race = this.race.run(tool, this.server.urlFor(database), workload);
			record(checked(tool, workload, Scenario.REPLICAS8, rep, database, race.result(), race.restarts()));
		}
		finally {
			this.server.dropDatabase(database);
		}
	}

	private ChildProcess.Result runOne(Tool tool, String url, Workload workload, String what) {
		this.checkpoints.take();
		try (ChildProcess child = ChildProcess.start(this.command.of(tool, url, workload),
				tool.id() + " " + what + " at N=" + workload.n())) {
			child.awaitReady(READY_TIMEOUT);
			child.go();
			return child.awaitResult(this.options.timeout());
		}
	}

	/**
	 * The measurement, once the database shows that every migration was applied exactly
	 * once.
	 */
	private Measurement checked(Tool tool, Workload workload, Scenario scenario, int rep, String database,
			ChildProcess.Result result, int restarts) {
		long applied = this.server.queryLong(database, tool.appliedCountSql());
		long tables = this.server.queryLong(database, TABLES_SQL);
		if (applied != workload.n() || tables != workload.expectedTables()) {
			throw new IllegalStateException(tool.id() + " " + scenario.id() + " at N=" + workload.n() + " (repetition "
					+ rep + "): its history records " + applied + " applied migrations and " + tables
					+ " tables exist; expected " + workload.n() + " and " + workload.expectedTables());
		}
		return new Measurement(tool, workload.n(), scenario, rep, result.elapsedNanos(), result.cpuNanos(),
				result.processNanos(), result.rssKb(), applied, tables, restarts);
	}

	private void record(Measurement measurement) {
		this.measurements.add(measurement);
		log("N=%d rep %d/%d %-9s %-9s %9.1f ms  (cpu %8.1f ms, process %8.1f ms, peak RSS %s%s)", measurement.n(),
				measurement.repetition(), this.options.repeat(), measurement.tool().id(), measurement.scenario().id(),
				measurement.elapsedMillis(), measurement.cpuMillis(), measurement.processMillis(),
				(measurement.rssKb() >= 0) ? String.format(Locale.ROOT, "%.0f MiB", measurement.rssKb() / 1024.0)
						: "n/a",
				(measurement.restarts() > 0) ? ", " + measurement.restarts() + " restarts" : "");
	}

	/**
	 * When a benchmark is stopped half-way (Ctrl-C): end its children, then drop their
	 * databases.
	 * @param server the server
	 * @param databases the databases the benchmark created
	 * @param progress where to say what could not be dropped
	 */
	static void abandon(PostgresServer server, List<String> databases, PrintStream progress) {
		ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
		for (String database : List.copyOf(databases)) {
			try {
				server.dropDatabase(database);
			}
			catch (IllegalStateException ex) {
				progress.println("Cannot drop " + database + ": " + ex.getMessage());
			}
		}
	}

	/**
	 * The directory a benchmark works in.
	 * @param workDir the one the user named, {@code null} for a new temporary one
	 * @return the directory, created
	 */
	static Path workRoot(@Nullable Path workDir) {
		try {
			if (workDir != null) {
				return Files.createDirectories(workDir);
			}
			return Files.createTempDirectory("migrator-bench-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the work directory", ex);
		}
	}

	/**
	 * Delete a temporary directory, if it can be.
	 * @param root the directory
	 */
	static void deleteQuietly(Path root) {
		try {
			Workload.deleteTree(root);
		}
		catch (UncheckedIOException ex) {
			// A temporary directory left behind is harmless.
		}
	}

	/**
	 * Print a progress line with the time of day.
	 * @param progress where to
	 * @param format the message's format
	 * @param args its arguments
	 */
	static void log(PrintStream progress, String format, Object... args) {
		progress.println("[" + LocalTime.now().format(CLOCK) + "] " + String.format(Locale.ROOT, format, args));
		progress.flush();
	}

	private void log(String format, Object... args) {
		log(this.progress, format, args);
	}

}
