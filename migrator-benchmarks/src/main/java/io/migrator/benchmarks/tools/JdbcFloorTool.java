package io.migrator.benchmarks.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * The floor: what the database itself needs, with no safety added.
 * <ol>
 * <li>read the applied versions from a plain history table and list the scripts; stop if
 * nothing is pending (the no-op floor: one query);</li>
 * <li>otherwise take a blocking session advisory lock (so eight of them at once apply
 * each script once), create the history table if it is missing, and read it again;</li>
 * <li>per pending script: send the whole file as one {@code Statement.execute} and insert
 * one history row, in one transaction.</li>
 * </ol>
 * No checksums, no validation, no lock polling, no timeouts.
 */
final class JdbcFloorTool implements MigrationTool {

	private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

	private static final long LOCK_KEY = 0x42454E4348L;

	@Override
	public void migrate(DataSource dataSource, Path workloadDir) throws SQLException, IOException {
		TreeMap<Integer, Path> scripts = scripts(workloadDir.resolve("sql"));
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(true);
			Set<Integer> applied = applied(connection);
			if (applied != null && pending(scripts, applied).isEmpty()) {
				return;
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
				try {
					statement.execute("CREATE TABLE IF NOT EXISTS bench_history (version integer PRIMARY KEY,"
							+ " script text NOT NULL, installed_on timestamptz NOT NULL DEFAULT now())");
					apply(connection, pending(scripts, applied(connection)));
				}
				finally {
					connection.setAutoCommit(true);
					statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
				}
			}
		}
	}

	private static void apply(Connection connection, List<Path> pending) throws SQLException, IOException {
		try (Statement statement = connection.createStatement();
				PreparedStatement history = connection
					.prepareStatement("INSERT INTO bench_history (version, script) VALUES (?, ?)")) {
			connection.setAutoCommit(false);
			for (Path script : pending) {
				statement.execute(Files.readString(script, StandardCharsets.UTF_8));
				history.setInt(1, version(script));
				history.setString(2, script.getFileName().toString());
				history.executeUpdate();
				connection.commit();
			}
		}
		catch (SQLException | IOException ex) {
			connection.rollback();
			throw ex;
		}
	}

	private static @Nullable Set<Integer> applied(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT version FROM bench_history")) {
			Set<Integer> applied = new HashSet<>();
			while (result.next()) {
				applied.add(result.getInt(1));
			}
			return applied;
		}
		catch (SQLException ex) {
			if ("42P01".equals(ex.getSQLState())) {
				return null;
			}
			throw ex;
		}
	}

	private static List<Path> pending(TreeMap<Integer, Path> scripts, @Nullable Set<Integer> applied) {
		if (applied == null) {
			return List.copyOf(scripts.values());
		}
		return scripts.entrySet()
			.stream()
			.filter((e) -> !applied.contains(e.getKey()))
			.map((e) -> e.getValue())
			.toList();
	}

	private static TreeMap<Integer, Path> scripts(Path dir) throws IOException {
		TreeMap<Integer, Path> scripts = new TreeMap<>();
		try (Stream<Path> files = Files.list(dir)) {
			files.forEach((file) -> {
				Matcher matcher = VERSIONED.matcher(file.getFileName().toString());
				if (matcher.matches()) {
					scripts.put(Integer.parseInt(matcher.group(1)), file);
				}
			});
		}
		return scripts;
	}

	private static int version(Path script) {
		Matcher matcher = VERSIONED.matcher(script.getFileName().toString());
		if (!matcher.matches()) {
			throw new IllegalArgumentException("Not a versioned script: " + script);
		}
		return Integer.parseInt(matcher.group(1));
	}

}
