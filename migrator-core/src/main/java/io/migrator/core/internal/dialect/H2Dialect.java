package io.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import io.migrator.core.internal.lock.DatabaseLock;
import io.migrator.core.internal.sql.H2StatementClassifier;
import io.migrator.core.internal.sql.StatementClassifier;
import org.jspecify.annotations.Nullable;

/**
 * H2, the embedded database for development: DDL commits at once (so a failed script can
 * leave its earlier DDL behind, unlike on PostgreSQL), the lock is a row lock on a
 * connection of its own, and timeouts are H2's {@code LOCK_TIMEOUT} and
 * {@code QUERY_TIMEOUT}.
 */
final class H2Dialect implements Dialect {

	private static final StatementClassifier CLASSIFIER = new H2StatementClassifier();

	// TABLE_OR_VIEW_NOT_FOUND_1, _WITH_CANDIDATES_2 and _DATABASE_EMPTY_1
	private static final java.util.Set<Integer> TABLE_NOT_FOUND = java.util.Set.of(42102, 42103, 42104);

	private static final int SCHEMA_NOT_FOUND = 90079;

	private static final int LOCK_TIMEOUT = 50200;

	private static final int COLUMN_NOT_FOUND = 42122;

	private static final int NOT_ENOUGH_RIGHTS = 90096;

	@Override
	public String name() {
		return "H2";
	}

	@Override
	public StatementClassifier classifier() {
		return CLASSIFIER;
	}

	@Override
	public String currentSchema(Connection connection) throws SQLException {
		return connection.getSchema();
	}

	@Override
	public Session prepareSession(Connection connection, Duration lockTimeout, Duration statementTimeout)
			throws SQLException {
		String previousLockTimeout = "1000";
		String previousQueryTimeout = "0";
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT SETTING_NAME, SETTING_VALUE"
						+ " FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN ('LOCK_TIMEOUT', 'QUERY_TIMEOUT')")) {
			while (result.next()) {
				if ("LOCK_TIMEOUT".equals(result.getString(1))) {
					previousLockTimeout = result.getString(2);
				}
				else {
					previousQueryTimeout = result.getString(2);
				}
			}
		}
		H2Session session = new H2Session(connection, lockTimeout, statementTimeout, previousLockTimeout,
				previousQueryTimeout);
		session.restoreTimeouts();
		return session;
	}

	@Override
	public DatabaseLock lock(Connection connection, DataSource dataSource, String schema, String table)
			throws SQLException {
		return new H2TableLock(dataSource, quote(schema), quote(schema) + "." + quote(table + "_lock"));
	}

	@Override
	public boolean tableExists(Connection connection, String schema, String table) throws SQLException {
		return informationSchemaHasTable(connection, schema, table);
	}

	/**
	 * Whether {@code INFORMATION_SCHEMA.TABLES}, which H2, MySQL and MariaDB share, lists
	 * a table.
	 */
	static boolean informationSchemaHasTable(Connection connection, String schema, String table) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
			statement.setString(1, schema);
			statement.setString(2, table);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1) > 0;
			}
		}
	}

	@Override
	public boolean transactionalDdl() {
		return false;
	}

	/**
	 * None: H2's {@code executeBatch} goes on after a failing entry and H2 commits DDL at
	 * once, so a batch would apply the statements after a failure.
	 */
	@Override
	public @Nullable Batching batching() {
		return null;
	}

	@Override
	public boolean isUndefinedTable(SQLException ex) {
		return TABLE_NOT_FOUND.contains(ex.getErrorCode()) || ex.getErrorCode() == SCHEMA_NOT_FOUND;
	}

	@Override
	public boolean isLockTimeout(SQLException ex) {
		return ex.getErrorCode() == LOCK_TIMEOUT;
	}

	@Override
	public boolean isUndefinedColumn(SQLException ex) {
		return ex.getErrorCode() == COLUMN_NOT_FOUND;
	}

	@Override
	public boolean isPermissionDenied(SQLException ex) {
		return ex.getErrorCode() == NOT_ENOUGH_RIGHTS;
	}

	private record H2Session(Connection connection, Duration lockTimeout, Duration statementTimeout,
			String previousLockTimeout, String previousQueryTimeout) implements Session {

		private void apply(String lock, String query) throws SQLException {
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("SET LOCK_TIMEOUT " + lock);
				statement.execute("SET QUERY_TIMEOUT " + query);
			}
		}

		@Override
		public void overrideTimeouts(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout)
				throws SQLException {
			apply(h2LockTimeout((lockTimeout != null) ? lockTimeout : this.lockTimeout),
					Long.toString(((statementTimeout != null) ? statementTimeout : this.statementTimeout).toMillis()));
		}

		@Override
		public void restoreTimeouts() throws SQLException {
			overrideTimeouts(null, null);
		}

		@Override
		public void close() throws SQLException {
			apply(digits(this.previousLockTimeout), digits(this.previousQueryTimeout));
		}

		// H2 reads a lock timeout of 0 as "fail at once"; ours means "no limit".
		private static String h2LockTimeout(Duration timeout) {
			return timeout.isZero() ? Integer.toString(Integer.MAX_VALUE) : Long.toString(timeout.toMillis());
		}

		private static String digits(String value) {
			return value.matches("\\d+") ? value : "0";
		}

	}

}
