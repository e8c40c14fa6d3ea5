package io.migrator.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogManager;

import com.sun.management.OperatingSystemMXBean;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.migrator.benchmarks.tools.MigrationTool;
import org.jspecify.annotations.Nullable;

/**
 * One runner, in its own JVM:
 * {@code java -cp <jar> io.migrator.benchmarks.ToolRun --tool=...
 * --jdbc-url=... --dir=...}.
 * <ol>
 * <li>opens a HikariCP pool and fills it, so the driver is loaded and connected as inside
 * a starting application;</li>
 * <li>prints {@value #READY} and, with {@code --barrier}, waits for a line on standard
 * input, so several runners can be released at once;</li>
 * <li>times the tool from its entry call to its return;</li>
 * <li>prints {@value #RESULT}
 * {@code elapsed_ns=<n> cpu_ns=<n> rss_kb=<peak resident set>}: the tool's wall time, the
 * CPU time the whole process used meanwhile (JIT and GC threads included), and the
 * process's peak resident set; or {@value #FAILED} and the error, and exits
 * non-zero.</li>
 * </ol>
 *
 * @since 0.1.0
 */
public final class ToolRun {

	/** Printed when the pool is open and the clock is about to start. */
	public static final String READY = "BENCH-READY";

	/** Starts the line with the measurement. */
	public static final String RESULT = "BENCH-RESULT";

	/** Starts the line that says the tool failed. */
	public static final String FAILED = "BENCH-FAILED";

	/** Connections in the pool, as in a small application. */
	static final int POOL_SIZE = 4;

	private ToolRun() {
	}

	public static void main(String[] args) {
		Tool tool = null;
		String url = null;
		Path dir = null;
		boolean barrier = false;
		for (String arg : args) {
			if (arg.startsWith("--tool=")) {
				tool = Tool.of(arg.substring("--tool=".length()));
			}
			else if (arg.startsWith("--jdbc-url=")) {
				url = arg.substring("--jdbc-url=".length());
			}
			else if (arg.startsWith("--dir=")) {
				dir = Path.of(arg.substring("--dir=".length()));
			}
			else if (arg.equals("--barrier")) {
				barrier = true;
			}
			else {
				fail("unknown argument " + arg + "; use --tool=migrator|flyway|liquibase|jdbc --jdbc-url=... --dir=..."
						+ " [--barrier]", null);
			}
		}
		if (tool == null || url == null || dir == null || !Files.isDirectory(dir)) {
			fail("--tool, --jdbc-url and --dir (an existing workload directory) are required", null);
		}
		quietJavaUtilLogging();
		OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		try (HikariDataSource pool = openPool(url)) {
			System.out.println(READY);
			System.out.flush();
			if (barrier && new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
				.readLine() == null) {
				// The benchmark that started us is gone: run nothing against a database
				// it may drop.
				System.exit(3);
			}
			long cpuStart = os.getProcessCpuTime();
			long start = System.nanoTime();
			// The adapter is loaded inside the clock: verifying it may load the tool's
			// own classes.
			MigrationTool.of(tool).migrate(pool, dir);
			long elapsed = System.nanoTime() - start;
			long cpu = os.getProcessCpuTime() - cpuStart;
			System.out.println(RESULT + " elapsed_ns=" + elapsed + " cpu_ns=" + cpu + " rss_kb=" + peakRssKb());
			System.out.flush();
		}
		catch (Throwable ex) {
			fail(tool.id() + " failed: " + ex, ex);
		}
	}

	/**
	 * A pool with every connection open: the driver is loaded and the server has accepted
	 * us before the clock starts.
	 */
	private static HikariDataSource openPool(String url) throws SQLException {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setMaximumPoolSize(POOL_SIZE);
		config.setMinimumIdle(POOL_SIZE);
		config.setPoolName("bench");
		HikariDataSource pool = new HikariDataSource(config);
		List<Connection> connections = new ArrayList<>();
		try {
			for (int i = 0; i < POOL_SIZE; i++) {
				connections.add(pool.getConnection());
			}
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
		}
		return pool;
	}

	/**
	 * Liquibase logs through java.util.logging; hold it to the level the other tools log
	 * at.
	 */
	private static void quietJavaUtilLogging() {
		String level = System.getProperty("bench.log.level", "WARN");
		java.util.logging.Logger root = LogManager.getLogManager().getLogger("");
		Level julLevel = switch (level.toUpperCase(java.util.Locale.ROOT)) {
			case "TRACE" -> Level.FINEST;
			case "DEBUG" -> Level.FINE;
			case "INFO" -> Level.INFO;
			case "ERROR" -> Level.SEVERE;
			default -> Level.WARNING;
		};
		root.setLevel(julLevel);
		for (java.util.logging.Handler handler : root.getHandlers()) {
			handler.setLevel(julLevel);
		}
	}

	/**
	 * The process's peak resident set size, from {@code VmHWM} in
	 * {@code /proc/self/status}.
	 * @return kilobytes, or -1 where the file does not exist
	 */
	static long peakRssKb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// Not Linux: RSS is not reported.
		}
		return -1;
	}

	private static void fail(String message, @Nullable Throwable ex) {
		System.out.println(FAILED + " " + message.replace('\n', ' '));
		if (ex != null) {
			ex.printStackTrace(System.out);
		}
		System.out.flush();
		System.exit(2);
	}

}
