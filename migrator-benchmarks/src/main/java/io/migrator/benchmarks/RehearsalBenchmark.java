package io.migrator.benchmarks;

import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.rehearse.RehearsalReport;
import io.migrator.core.rehearse.RehearsalSettings;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How the rehearsal's cost grows with the number of scripts: the benchmark's workload
 * with an undo script beside each script, rehearsed (up, down, up again, the schema read
 * after every script) at each size, next to a cold {@code migrate} of the same scripts on
 * the same server, so the report can say both the time per script at each size and the
 * ratio to a migrate. Neither Flyway (undo is in its paid editions only) nor Liquibase
 * (rollback without a schema check) has an equivalent to compare with. Usage:
 * {@code java -cp migrator-benchmarks.jar io.migrator.benchmarks.RehearsalBenchmark
 * <jdbc-url> [sizes, e.g. 250,500,1000]}.
 *
 * @since 0.3.0
 */
public final class RehearsalBenchmark {

	private RehearsalBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 1) {
			System.err.println("Usage: RehearsalBenchmark <jdbc-url of a role that may create databases>"
					+ " [sizes, e.g. 250,500,1000]");
			System.exit(2);
		}
		int[] sizes = Arrays.stream(((args.length > 1) ? args[1] : "250,500,1000").split(","))
			.mapToInt((size) -> Integer.parseInt(size.strip()))
			.toArray();
		run(args[0], sizes, System.out);
	}

	/**
	 * Rehearse and migrate the workload at each size and print a table.
	 * @param jdbcUrl the server
	 * @param sizes the numbers of scripts
	 * @param out where the table goes
	 * @return the rehearsal of each size, in order
	 * @throws Exception if the workload cannot be written
	 */
	public static List<RehearsalReport> run(String jdbcUrl, int[] sizes, PrintStream out) throws Exception {
		PostgresServer server = PostgresServer.of(jdbcUrl);
		List<RehearsalReport> reports = new ArrayList<>();
		out.println("| scripts | rehearse (ms) | per script (ms) | cold migrate (ms) | rehearse / migrate |");
		out.println("|---:|---:|---:|---:|---:|");
		for (int n : sizes) {
			Workload workload = Workload.generate(Files.createTempDirectory("migrator-rehearsal-benchmark"), n);
			workload.writeUndoScripts();
			String database = server.createDatabase();
			try {
				PGSimpleDataSource dataSource = new PGSimpleDataSource();
				dataSource.setURL(server.urlFor(database));
				MigratorConfig config = MigratorConfig.builder()
					.dataSource(dataSource)
					.locations("filesystem:" + workload.sqlDir())
					.build();
				RehearsalReport report = new Migrator(config).rehearse(RehearsalSettings.onServer(jdbcUrl, null, null));
				long started = System.nanoTime();
				new Migrator(config).migrate();
				long migrateMillis = (System.nanoTime() - started) / 1_000_000;
				long rehearseMillis = report.duration().toMillis();
				out.printf("| %d | %d | %.2f | %d | %.1f× |%n", n, rehearseMillis, (double) rehearseMillis / n,
						migrateMillis, (double) rehearseMillis / Math.max(1, migrateMillis));
				reports.add(report);
			}
			finally {
				server.dropDatabase(database);
				workload.delete();
			}
		}
		return reports;
	}

}
