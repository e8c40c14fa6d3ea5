package io.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import io.migrator.core.internal.lock.DatabaseLock;
import io.migrator.core.internal.sql.PostgresStatementClassifier;
import io.migrator.core.internal.sql.StatementClassifier;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL: transactional DDL, a session-level advisory lock, timeouts set with
 * {@code set_config} on the migration session, and transactional scripts sent in batches.
 */
final class PostgresDialect implements Dialect {

	/**
	 * {@code installed_on} as microseconds since 1970: a whole number, which the driver
	 * reads for a fraction of what parsing a {@code timestamptz}'s text costs it, and a
	 * no-op start reads one per applied script.
	 */
	private static final String INSTALLED_ON_MICROS = "migrator_installed_on_us";

	/**
	 * How often an orphaned backend checks that its client is still there (PostgreSQL
	 * 14+).
	 */
	static final String CLIENT_CHECK_INTERVAL = "2s";

	private static final int CLIENT_CHECK_SINCE = 140000;

	@Override
	public String name() {
		return "PostgreSQL";
	}

	@Override
	public boolean lintsWithCatalog() {
		return true;
	}

	@Override
	public StatementClassifier classifier() {
		return Classifier.INSTANCE;
	}

	@Override
	public String ledgerReadExtras() {
		// Whole seconds, then the microseconds within the second: both exact in a double.
		return ", extract(epoch FROM pg_catalog.date_trunc('second', installed_on))::int8 * 1000000"
				+ " + extract(microseconds FROM installed_on)::int8 % 1000000 AS " + INSTALLED_ON_MICROS;
	}

	@Override
	public @Nullable OffsetDateTime timestamp(ResultSet result, int column) throws SQLException {
		long micros = result.getLong(INSTALLED_ON_MICROS);
		if (result.wasNull()) {
			return null;
		}
		// Not Instant.atOffset: that builds the offset's rules for every row.
		return OffsetDateTime.of(LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
				(int) Math.floorMod(micros, 1_000_000) * 1000, ZoneOffset.UTC), ZoneOffset.UTC);
	}

	@Override
	public String currentSchema(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_schema()")) {
			result.next();
			String schema = result.getString(1);
			if (schema == null) {
				throw new SQLException("No current schema: the search_path names no schema that exists;"
						+ " set migrator.schema or fix the role's search_path", "3F000");
			}
			return schema;
		}
	}

	@Override
	public Session prepareSession(Connection connection, Duration lockTimeout, Duration statementTimeout)
			throws SQLException {
		String previousLockTimeout;
		String previousStatementTimeout;
		String previousClientCheck = null;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT current_setting('lock_timeout'),"
						+ " current_setting('statement_timeout'), current_setting('server_version_num')::int,"
						+ " current_setting('client_connection_check_interval', true)")) {
			result.next();
			previousLockTimeout = result.getString(1);
			previousStatementTimeout = result.getString(2);
			if (result.getInt(3) >= CLIENT_CHECK_SINCE) {
				previousClientCheck = result.getString(4);
			}
		}
		PostgresSession session = new PostgresSession(connection, millis(lockTimeout), millis(statementTimeout),
				previousLockTimeout, previousStatementTimeout, previousClientCheck);
		session.apply(session.lockTimeout, session.statementTimeout,
				(previousClientCheck != null) ? CLIENT_CHECK_INTERVAL : null);
		return session;
	}

	private static String millis(Duration duration) {
		return Long.toString(duration.toMillis());
	}

	@Override
	public DatabaseLock lock(Connection connection, DataSource dataSource, String schema, String table) {
		return new PostgresAdvisoryLock(connection, schema + "." + table);
	}

	@Override
	public boolean tableExists(Connection connection, String schema, String table) throws SQLException {
		// to_regclass answers NULL for a missing table or schema where a query on it
		// would fail.
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT to_regclass(format('%I.%I', ?::text, ?::text)) IS NOT NULL")) {
			statement.setString(1, schema);
			statement.setString(2, table);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getBoolean(1);
			}
		}
	}

	@Override
	public boolean transactionalDdl() {
		return true;
	}

	/**
	 * The server runs a batch's entries in order up to the first that fails and skips the
	 * rest, and the driver sends a batch in one round trip; DDL rolls back with the
	 * transaction.
	 */
	@Override
	public Batching batching() {
		return PostgresBatching.INSTANCE;
	}

	@Override
	public boolean isUndefinedTable(SQLException ex) {
		return "42P01".equals(ex.getSQLState()) || "3F000".equals(ex.getSQLState());
	}

	@Override
	public boolean isLockTimeout(SQLException ex) {
		return "55P03".equals(ex.getSQLState());
	}

	@Override
	public boolean isUndefinedColumn(SQLException ex) {
		return "42703".equals(ex.getSQLState());
	}

	@Override
	public boolean isPermissionDenied(SQLException ex) {
		return "42501".equals(ex.getSQLState());
	}

	/**
	 * Class 08, and the server ending the session: {@code pg_terminate_backend} (57P01),
	 * a crash of another backend (57P02), or a shutdown in progress (57P03). The
	 * session's open transaction ends with it.
	 */
	@Override
	public boolean isConnectionFailure(SQLException ex) {
		String state = ex.getSQLState();
		return state != null
				&& (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
	}

	/**
	 * Timeouts and the dead-client check for the migration session; the previous values
	 * come back on close, because the connection may return to the application's pool.
	 */
	private record PostgresSession(Connection connection, String lockTimeout, String statementTimeout,
			String previousLockTimeout, String previousStatementTimeout,
			@Nullable String previousClientCheck) implements Session {

		void apply(String lock, String statement, @Nullable String clientCheck) throws SQLException {
			String sql = "SELECT set_config('lock_timeout', ?, false), set_config('statement_timeout', ?, false)"
					+ ((clientCheck != null) ? ", set_config('client_connection_check_interval', ?, false)" : "");
			try (PreparedStatement update = this.connection.prepareStatement(sql)) {
				update.setString(1, lock);
				update.setString(2, statement);
				if (clientCheck != null) {
					update.setString(3, clientCheck);
				}
				update.executeQuery().close();
			}
		}

		@Override
		public void overrideTimeouts(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout)
				throws SQLException {
			apply((lockTimeout != null) ? millis(lockTimeout) : this.lockTimeout,
					(statementTimeout != null) ? millis(statementTimeout) : this.statementTimeout, null);
		}

		@Override
		public void restoreTimeouts() throws SQLException {
			apply(this.lockTimeout, this.statementTimeout, null);
		}

		@Override
		public void close() throws SQLException {
			apply(this.previousLockTimeout, this.previousStatementTimeout, this.previousClientCheck);
		}

	}

	/**
	 * Loaded by the first run that prepares a script, not by a start with nothing to run.
	 */
	private static final class Classifier {

		static final StatementClassifier INSTANCE = new PostgresStatementClassifier();

	}

}
