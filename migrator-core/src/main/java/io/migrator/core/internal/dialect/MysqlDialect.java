package io.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.migrator.core.internal.lock.DatabaseLock;
import io.migrator.core.internal.sql.MysqlStatementClassifier;
import io.migrator.core.internal.sql.StatementClassifier;
import org.jspecify.annotations.Nullable;

/**
 * MySQL and MariaDB: DDL commits implicitly, so a script with DDL runs as a
 * non-transactional one (STARTED before, SUCCESS or FAILED after) while a data-only
 * script keeps its transaction; the lock is a user-level lock ({@code GET_LOCK}) on the
 * migration session; the timeouts are {@code lock_wait_timeout} (metadata locks, which
 * DDL waits for) with {@code innodb_lock_wait_timeout} (row locks), and the statement
 * timeout is MySQL's {@code max_execution_time} or MariaDB's {@code max_statement_time}.
 * A schema is a database; names are quoted with backticks.
 */
final class MysqlDialect implements Dialect {

	private static final StatementClassifier CLASSIFIER = new MysqlStatementClassifier();

	/** The largest {@code lock_wait_timeout} there is: a year, in seconds. */
	static final long NO_LOCK_LIMIT_SECONDS = 31_536_000;

	private static final Set<Integer> UNDEFINED_TABLE = Set.of(1146, 1049);

	private static final int LOCK_WAIT_TIMEOUT = 1205;

	private static final int UNDEFINED_COLUMN = 1054;

	private static final int PARSE_ERROR = 1064;

	private static final Pattern AT_LINE = Pattern.compile("at line (\\d+)\\s*$");

	/** Table, column, database, "needs a privilege", routine. */
	private static final Set<Integer> PERMISSION_DENIED = Set.of(1142, 1143, 1044, 1227, 1370);

	/** ER_CONNECTION_KILLED (MariaDB), server gone away and lost connection (client). */
	private static final Set<Integer> CONNECTION_ENDED = Set.of(1927, 2006, 2013);

	/** Which server this is: the statement timeout differs. */
	enum Flavor {

		/** {@code max_execution_time}, in milliseconds; it limits only SELECT. */
		MYSQL("MySQL", "max_execution_time"),

		/** {@code max_statement_time}, in seconds with a fraction; it limits all. */
		MARIADB("MariaDB", "max_statement_time");

		private final String product;

		private final String statementTimeoutVariable;

		Flavor(String product, String statementTimeoutVariable) {
			this.product = product;
			this.statementTimeoutVariable = statementTimeoutVariable;
		}

		String statementTimeoutVariable() {
			return this.statementTimeoutVariable;
		}

		/** The statement timeout as the variable takes it; zero for no limit. */
		String statementTimeout(Duration timeout) {
			long millis = timeout.toMillis();
			return (this == MYSQL) ? Long.toString(millis)
					: String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
		}

	}

	private final Flavor flavor;

	MysqlDialect(Flavor flavor) {
		this.flavor = flavor;
	}

	@Override
	public String name() {
		return this.flavor.product;
	}

	/** The lint's rules are PostgreSQL's locks and syntax. */
	@Override
	public boolean lintsScripts() {
		return false;
	}

	@Override
	public StatementClassifier classifier() {
		return CLASSIFIER;
	}

	@Override
	public String currentSchema(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT DATABASE()")) {
			result.next();
			String database = result.getString(1);
			if (database == null) {
				throw new SQLException("No database selected: name the database in the JDBC URL"
						+ " (jdbc:mariadb://host:3306/mydb or jdbc:mysql://host:3306/mydb) or set migrator.schema",
						"3D000");
			}
			return database;
		}
	}

	/**
	 * The {@code SET} that gives the session its timeouts.
	 * @param lockWaitSeconds for {@code lock_wait_timeout} and
	 * {@code innodb_lock_wait_timeout}
	 * @param statementTimeout for the flavour's statement timeout variable, as it takes
	 * it
	 * @return the statement
	 */
	String setTimeouts(String lockWaitSeconds, String statementTimeout) {
		return "SET SESSION lock_wait_timeout = " + lockWaitSeconds + ", innodb_lock_wait_timeout = " + lockWaitSeconds
				+ ", " + this.flavor.statementTimeoutVariable() + " = " + statementTimeout;
	}

	/**
	 * A lock timeout in the whole seconds the server takes, rounded up, at least one;
	 * zero means no limit.
	 * @param timeout the timeout
	 * @return the seconds
	 */
	static String lockWaitSeconds(Duration timeout) {
		if (timeout.isZero()) {
			return Long.toString(NO_LOCK_LIMIT_SECONDS);
		}
		return Long.toString(Math.min(NO_LOCK_LIMIT_SECONDS, Math.max(1, (timeout.toMillis() + 999) / 1000)));
	}

	@Override
	public Session prepareSession(Connection connection, Duration lockTimeout, Duration statementTimeout)
			throws SQLException {
		String previous;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT @@SESSION.lock_wait_timeout,"
						+ " @@SESSION.innodb_lock_wait_timeout, @@SESSION." + this.flavor.statementTimeoutVariable())) {
			result.next();
			previous = "SET SESSION lock_wait_timeout = " + number(result.getString(1))
					+ ", innodb_lock_wait_timeout = " + number(result.getString(2)) + ", "
					+ this.flavor.statementTimeoutVariable() + " = " + number(result.getString(3));
		}
		MysqlSession session = new MysqlSession(this, connection, lockTimeout, statementTimeout, previous);
		session.restoreTimeouts();
		return session;
	}

	private static String number(@Nullable String value) {
		if (value == null || !value.matches("\\d+(\\.\\d+)?")) {
			throw new IllegalStateException("Unexpected session timeout value '" + value + "'");
		}
		return value;
	}

	@Override
	public DatabaseLock lock(Connection connection, DataSource dataSource, String schema, String table) {
		return new MysqlUserLock(connection, schema + "." + table);
	}

	@Override
	public boolean tableExists(Connection connection, String schema, String table) throws SQLException {
		return H2Dialect.informationSchemaHasTable(connection, schema, table);
	}

	@Override
	public boolean transactionalDdl() {
		return false;
	}

	@Override
	public boolean commitsDdlImplicitly() {
		return true;
	}

	/**
	 * None: a script that could leave part of itself behind is not transactional here,
	 * and one statement at a time keeps the failing line exact.
	 */
	@Override
	public @Nullable Batching batching() {
		return null;
	}

	@Override
	public String quote(String identifier) {
		return "`" + identifier.replace("`", "``") + "`";
	}

	/** Microseconds, in UTC: DATETIME has no time zone, and TIMESTAMP ends in 2038. */
	@Override
	public String timestampType() {
		return "DATETIME(6)";
	}

	/** InnoDB, so a data script and its history row commit or roll back together. */
	@Override
	public String tableOptions() {
		return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
	}

	@Override
	public Object timestampParameter(OffsetDateTime timestamp) {
		return timestamp.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
	}

	@Override
	public @Nullable OffsetDateTime timestamp(ResultSet result, int column) throws SQLException {
		LocalDateTime utc = result.getObject(column, LocalDateTime.class);
		return (utc != null) ? utc.atOffset(ZoneOffset.UTC) : null;
	}

	@Override
	public boolean isUndefinedTable(SQLException ex) {
		return UNDEFINED_TABLE.contains(ex.getErrorCode());
	}

	@Override
	public boolean isLockTimeout(SQLException ex) {
		return ex.getErrorCode() == LOCK_WAIT_TIMEOUT;
	}

	@Override
	public boolean isUndefinedColumn(SQLException ex) {
		return ex.getErrorCode() == UNDEFINED_COLUMN;
	}

	@Override
	public boolean isPermissionDenied(SQLException ex) {
		return PERMISSION_DENIED.contains(ex.getErrorCode());
	}

	/** A syntax error (ER_PARSE_ERROR) ends "near '...' at line N". */
	@Override
	public int errorLineInStatement(SQLException ex) {
		if (ex.getErrorCode() != PARSE_ERROR || ex.getMessage() == null) {
			return 0;
		}
		Matcher matcher = AT_LINE.matcher(ex.getMessage().strip());
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
	}

	@Override
	public boolean isConnectionFailure(SQLException ex) {
		String state = ex.getSQLState();
		return (state != null && state.startsWith("08")) || CONNECTION_ENDED.contains(ex.getErrorCode());
	}

	/**
	 * The run's timeouts on the migration session; the previous values come back on
	 * close, because the connection may return to the application's pool.
	 */
	private record MysqlSession(MysqlDialect dialect, Connection connection, Duration lockTimeout,
			Duration statementTimeout, String previous) implements Session {

		private void execute(String sql) throws SQLException {
			try (Statement statement = this.connection.createStatement()) {
				statement.execute(sql);
			}
		}

		@Override
		public void overrideTimeouts(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout)
				throws SQLException {
			execute(this.dialect.setTimeouts(lockWaitSeconds((lockTimeout != null) ? lockTimeout : this.lockTimeout),
					this.dialect.flavor
						.statementTimeout((statementTimeout != null) ? statementTimeout : this.statementTimeout)));
		}

		@Override
		public void restoreTimeouts() throws SQLException {
			overrideTimeouts(null, null);
		}

		@Override
		public void close() throws SQLException {
			execute(this.previous);
		}

	}

}
