package io.migrator.sample;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.migrator.core.testsupport.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fresh PostgreSQL database for one round of a reliability test, and what the tests
 * look at in it: the ledger, the tally that counts every migration's effect, the advisory
 * locks and the backends. Closing it drops the database.
 */
final class PostgresProbe implements AutoCloseable {

	/**
	 * Advisory locks held in this database only: other tests' databases may share the
	 * server.
	 */
	private static final String ADVISORY_LOCKS = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
			+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

	private final PostgresTestDatabase database;

	private PostgresProbe(PostgresTestDatabase database) {
		this.database = database;
	}

	static PostgresProbe create() {
		return new PostgresProbe(PostgresTestDatabase.create());
	}

	PostgresTestDatabase database() {
		return this.database;
	}

	String url() {
		return this.database.url();
	}

	/**
	 * The sample app's jar on this database, with the standard Spring Boot variables.
	 * @return a builder for the process
	 */
	SampleAppProcess.Builder app() {
		return SampleAppProcess.builder().postgres(this.database);
	}

	Connection connect() throws SQLException {
		return DriverManager.getConnection(this.database.url(), this.database.username(), this.database.password());
	}

	long count(String sql) {
		return Long.parseLong(single(sql));
	}

	String single(String sql) {
		List<String> rows = rows(sql);
		assertThat(rows).as(sql).hasSize(1);
		return rows.get(0);
	}

	/**
	 * Run a query and return each row as its columns joined by a space.
	 * @param sql the query
	 * @return the rows
	 */
	List<String> rows(String sql) {
		try {
			return QueryRows.of(connect(), sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	void execute(String sql) {
		try (Connection connection = connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

	boolean exists(String relation) {
		return !single("SELECT to_regclass('" + relation + "') IS NOT NULL").equals("f");
	}

	long advisoryLocks() {
		return count(ADVISORY_LOCKS);
	}

	/**
	 * The pids of the backends connected to this database, other than the query's own.
	 * @return the pids
	 */
	List<Integer> backends() {
		return rows("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
			.stream()
			.map(Integer::valueOf)
			.toList();
	}

	/**
	 * Wait until a backend of this database runs a statement.
	 * @param fragment part of the statement's text
	 * @param timeout how long at most
	 * @return the backend's pid
	 */
	int awaitRunning(String fragment, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		String sql = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'"
				+ " AND pid <> pg_backend_pid() AND query LIKE '%" + fragment.replace("'", "''") + "%'";
		while (System.nanoTime() < deadline) {
			List<String> pids = rows(sql);
			if (!pids.isEmpty()) {
				return Integer.parseInt(pids.get(0));
			}
			sleep(100);
		}
		throw new AssertionError("No backend ran '" + fragment + "' within " + timeout);
	}

	/**
	 * Wait until none of the given backends is left.
	 * @param pids the backends
	 * @param timeout how long at most
	 * @return how long it took
	 */
	Duration awaitGone(List<Integer> pids, Duration timeout) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		while (true) {
			List<Integer> left = new ArrayList<>(backends());
			left.retainAll(pids);
			if (left.isEmpty()) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Backends " + left + " were still there after " + timeout + ": "
						+ rows("SELECT pid, state, query FROM pg_stat_activity WHERE datname = current_database()"));
			}
			sleep(50);
		}
	}

	/**
	 * How often each migration's effect happened: every test script inserts its effects
	 * into {@code tally} (see {@link TallyScripts}).
	 * @return count by effect, in version order
	 */
	Map<String, Long> tally() {
		if (!exists("tally")) {
			return Map.of();
		}
		Map<String, Long> tally = new TreeMap<>(TallyScripts.VERSION_ORDER);
		for (String row : rows("SELECT effect, count(*) FROM tally GROUP BY effect")) {
			String[] parts = row.split(" ");
			tally.put(parts[0], Long.parseLong(parts[1]));
		}
		return tally;
	}

	/**
	 * The ledger as {@code version type status} rows ({@code R} for repeatable scripts).
	 * @return the rows in ledger order, empty when there is no history table
	 */
	List<String> ledger() {
		if (!exists("migrator_schema_history")) {
			return List.of();
		}
		return rows("SELECT coalesce(version, 'R'), type, status FROM migrator_schema_history ORDER BY id");
	}

	/**
	 * Replay the ledger and check that it never applied a version twice nor undid one
	 * that was not applied, and that the tally agrees: every applied version's effect is
	 * there exactly once, every other version's not at all (a version with a started,
	 * unfinished attempt excepted: it needs a person).
	 * @return the versions the ledger says are applied, in order
	 */
	List<String> assertLedgerMatchesTally() {
		Map<String, Boolean> applied = new LinkedHashMap<>();
		Map<String, String> openAttempt = new HashMap<>();
		for (String row : ledger()) {
			String[] parts = row.split(" ");
			String version = parts[0];
			String type = parts[1];
			String status = parts[2];
			switch (status) {
				case "SUCCESS" -> {
					openAttempt.remove(version);
					if (type.equals("UNDO")) {
						assertThat(applied.get(version))
							.as("version %s undone while not applied: %s", version, ledger())
							.isTrue();
						applied.put(version, false);
					}
					else if (!type.equals("REPEATABLE")) {
						assertThat(applied.getOrDefault(version, false))
							.as("version %s applied twice: %s", version, ledger())
							.isFalse();
						applied.put(version, true);
					}
				}
				case "STARTED", "FAILED" -> openAttempt.put(version, status);
				case "CLEARED" -> openAttempt.remove(version);
				default -> throw new AssertionError("Unexpected ledger row " + row);
			}
		}
		List<String> inSchema = applied.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
		Map<String, Long> tally = tally();
		for (String version : inSchema) {
			assertThat(tally.keySet()).as("effects of applied version %s", version)
				.anyMatch((effect) -> TallyScripts.versionOf(effect).equals(version));
		}
		tally.forEach((effect, count) -> {
			String version = TallyScripts.versionOf(effect);
			if (applied.getOrDefault(version, false)) {
				assertThat(count).as("effect %s of applied version %s", effect, version).isEqualTo(1L);
			}
			else if (openAttempt.containsKey(version)) {
				// A non-transactional script that did not finish: some of its effects may
				// be there, once.
				assertThat(count).as("effect %s of unfinished version %s", effect, version).isLessThanOrEqualTo(1L);
			}
			else if (!version.equals("R")) {
				throw new AssertionError("Effect " + effect + " is there, but the ledger does not show version "
						+ version + " as applied: " + ledger());
			}
		});
		return inSchema;
	}

	@Override
	public void close() {
		this.database.close();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
