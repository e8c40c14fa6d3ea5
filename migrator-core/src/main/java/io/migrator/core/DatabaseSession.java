package io.migrator.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Supplier;

import io.migrator.core.MigrationException.Reason;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.execute.Placeholders;
import io.migrator.core.internal.history.HistoryTable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration connection and what it tells about the database. Closing it restores
 * auto-commit and returns the connection.
 */
final class DatabaseSession implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseSession.class);

	private static final long FIRST_RETRY_MILLIS = 250;

	private static final long MAX_RETRY_MILLIS = 2000;

	final Connection connection;

	final Dialect dialect;

	final String schema;

	final HistoryTable history;

	private final boolean autoCommit;

	private DatabaseSession(Connection connection, Dialect dialect, String schema, HistoryTable history,
			boolean autoCommit) {
		this.connection = connection;
		this.dialect = dialect;
		this.schema = schema;
		this.history = history;
		this.autoCommit = autoCommit;
	}

	/**
	 * Take a connection and look at the database.
	 * @param config the configuration
	 * @return the session
	 * @throws MigrationException with reason {@code CONNECTION} when the database cannot
	 * be reached
	 */
	static DatabaseSession open(MigratorConfig config) {
		Connection connection = connect(config);
		try {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true);
			Dialect dialect = Dialect.of(connection);
			String schema = (config.schema() != null) ? config.schema() : dialect.currentSchema(connection);
			HistoryTable history = new HistoryTable(dialect, config.schema(), schema, config.table());
			return new DatabaseSession(connection, dialect, schema, history, autoCommit);
		}
		catch (SQLException ex) {
			closeQuietly(connection, ex);
			throw new MigrationException(Reason.DATABASE, "Cannot prepare the migration connection: " + ex.getMessage(),
					null, 0, ex.getSQLState(), ex);
		}
		catch (RuntimeException ex) {
			closeQuietly(connection, ex);
			throw ex;
		}
	}

	/**
	 * Take a connection, trying again with backoff while the database is unreachable (it
	 * may be starting next to us), up to the connect timeout. Refused logins fail at
	 * once.
	 */
	private static Connection connect(MigratorConfig config) {
		Instant deadline = config.clock().instant().plus(config.connectTimeout());
		long sleep = FIRST_RETRY_MILLIS;
		while (true) {
			try {
				return config.dataSource().getConnection();
			}
			catch (SQLException ex) {
				Instant now = config.clock().instant();
				if (!isUnreachable(ex) || !now.isBefore(deadline)) {
					throw connectFailure(ex, isUnreachable(ex) ? config.connectTimeout() : null);
				}
				// Rounded up: "for up to 0 s" would read as giving up.
				logger.info("Database not reachable yet ({}); trying again for up to {} s", describe(ex),
						(Duration.between(now, deadline).toMillis() + 999) / 1000);
				try {
					Thread.sleep(Math.min(sleep, Math.max(1, Duration.between(now, deadline).toMillis())));
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw connectFailure(ex, null);
				}
				sleep = Math.min(MAX_RETRY_MILLIS, sleep * 2);
			}
		}
	}

	private static boolean isUnreachable(SQLException ex) {
		String state = ex.getSQLState();
		// 08: connection exceptions (08004, the server refusing us, is not transient);
		// 57P03: the database is starting up; 53300: too many connections for now.
		if (state != null && ((state.startsWith("08") && !"08004".equals(state)) || "57P03".equals(state)
				|| "53300".equals(state))) {
			return true;
		}
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
					|| cause instanceof java.net.SocketTimeoutException
					|| cause instanceof java.net.NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The driver's message with its causes (where a host name or address and port usually
	 * are); drivers do not put passwords in them.
	 */
	private static String describe(SQLException ex) {
		StringBuilder text = new StringBuilder(String.valueOf(ex.getMessage()).strip());
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
				text.append(": ").append(cause.getClass().getSimpleName()).append(' ').append(cause.getMessage());
			}
		}
		return text.toString();
	}

	private static MigrationException connectFailure(SQLException ex, @Nullable Duration retriedFor) {
		String retried = (retriedFor != null && !retriedFor.isZero())
				? " after trying for " + retriedFor.toSeconds() + " s (migrator.connect-timeout)" : "";
		return new MigrationException(Reason.CONNECTION,
				"Cannot connect to the database to migrate" + retried + ": " + describe(ex)
						+ ". Check that it is running and reachable from here, and the migration user and"
						+ " password (migrator.datasource.* or spring.datasource.*)",
				null, 0, ex.getSQLState(), ex);
	}

	/**
	 * The database user that migrations are recorded under.
	 * @param configured the configured name, if any
	 * @return the name
	 * @throws SQLException if the metadata cannot be read
	 */
	String installedBy(@Nullable String configured) throws SQLException {
		if (configured != null) {
			return configured;
		}
		String user = this.connection.getMetaData().getUserName();
		return (user != null) ? user : "unknown";
	}

	/**
	 * The placeholders of a run on this session: the configured values, and the
	 * built-ins, which describe the session. What needs the connection is read now; the
	 * rest is made when a script is first prepared, which a start with nothing to run
	 * never does.
	 * @param config the configuration
	 * @param start when the run started, {@code flyway:timestamp}
	 * @return the placeholders, made on first call
	 * @throws SQLException if the metadata cannot be read
	 */
	Supplier<Placeholders> placeholders(MigratorConfig config, Instant start) throws SQLException {
		if (!config.placeholderReplacement()) {
			return () -> Placeholders.NONE;
		}
		String user = this.connection.getMetaData().getUserName();
		String database = this.connection.getCatalog();
		return () -> {
			// flyway:timestamp, as Flyway writes it.
			String timestamp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
				.withZone(ZoneOffset.UTC)
				.format(start);
			Map<String, String> builtIns = Map.of("defaultSchema", this.schema, "user", (user != null) ? user : "",
					"database", (database != null) ? database : "", "timestamp", timestamp, "table", config.table());
			return Placeholders.of(true, config.placeholderPrefix(), config.placeholderSuffix(), config.placeholders(),
					builtIns);
		};
	}

	private static void closeQuietly(Connection connection, Exception failure) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	@Override
	public void close() throws SQLException {
		try {
			this.connection.setAutoCommit(this.autoCommit);
		}
		finally {
			this.connection.close();
		}
	}

}
