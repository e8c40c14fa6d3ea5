package io.migrator.sample;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.migrator.core.testsupport.MariadbTestDatabase;

/**
 * A fresh MariaDB database for one round of a reliability test, and what the tests look
 * at in it: the ledger, the tally, the migration lock and the sessions. Closing it drops
 * the database.
 */
final class MariadbProbe implements AutoCloseable {

	private final MariadbTestDatabase database;

	private MariadbProbe(MariadbTestDatabase database) {
		this.database = database;
	}

	static MariadbProbe create() {
		return new MariadbProbe(MariadbTestDatabase.create());
	}

	SampleAppProcess.Builder app() {
		return SampleAppProcess.builder().mariadb(this.database);
	}

	List<String> rows(String sql) {
		try {
			return QueryRows.of(DriverManager.getConnection(this.database.url(), this.database.username(),
					this.database.password()), sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	boolean exists(String table) {
		return !rows("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '"
				+ table + "'")
			.isEmpty();
	}

	/**
	 * The ledger as {@code version type status} rows ({@code R} for repeatable scripts).
	 * @return the rows, empty when there is no history table
	 */
	List<String> ledger() {
		if (!exists("migrator_schema_history")) {
			return List.of();
		}
		return rows("SELECT coalesce(version, 'R'), type, status FROM migrator_schema_history ORDER BY id");
	}

	/**
	 * How often each effect happened (see {@link TallyScripts}).
	 * @return count by effect, in version order
	 */
	Map<String, Long> tally() {
		Map<String, Long> tally = new TreeMap<>(TallyScripts.VERSION_ORDER);
		if (exists("tally")) {
			for (String row : rows("SELECT effect, count(*) FROM tally GROUP BY effect")) {
				String[] parts = row.split(" ");
				tally.put(parts[0], Long.parseLong(parts[1]));
			}
		}
		return tally;
	}

	/**
	 * Whether a session holds the migration lock of this database's history table, by its
	 * documented name: {@code migrator_} and the hex of the first 64 bits of
	 * SHA-256("migrator:" + database + ".migrator_schema_history").
	 * @return whether it is held
	 */
	boolean lockHeld() {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(("migrator:" + this.database.name() + ".migrator_schema_history")
					.getBytes(StandardCharsets.UTF_8));
			String name = "migrator_" + HexFormat.of().formatHex(hash, 0, Long.BYTES);
			return !rows("SELECT IS_USED_LOCK('" + name + "')").get(0).equals("null");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The ids of the sessions in this database, other than the query's own.
	 * @return the ids
	 */
	List<String> sessions() {
		return rows("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()");
	}

	/**
	 * Wait until a session of this database runs a statement.
	 * @param fragment part of the statement's text
	 * @param timeout how long at most
	 */
	void awaitRunning(String fragment, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!rows("SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE '%" + fragment
					+ "%' AND ID <> CONNECTION_ID()")
				.isEmpty()) {
				return;
			}
			PostgresProbe.sleep(100);
		}
		throw new AssertionError("No session ran '" + fragment + "' within " + timeout);
	}

	/**
	 * Wait until the sessions of this database are gone.
	 * @param timeout how long at most
	 * @return how long it took
	 */
	Duration awaitNoSessions(Duration timeout) {
		long start = System.nanoTime();
		while (!sessions().isEmpty()) {
			if (System.nanoTime() - start > timeout.toNanos()) {
				throw new AssertionError("Sessions " + sessions() + " were still there after " + timeout);
			}
			PostgresProbe.sleep(100);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	@Override
	public void close() {
		this.database.close();
	}

}
