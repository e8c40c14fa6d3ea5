package io.migrator.core;

import java.sql.Connection;
import java.sql.SQLException;

import io.migrator.core.MigrationException.Reason;
import io.migrator.core.dialect.Dialect;
import io.migrator.core.history.HistoryTable;

/**
 * The migration connection and what it tells about the database. Closing it restores
 * auto-commit and returns the connection.
 */
final class DatabaseSession implements AutoCloseable {

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
	 * @throws MigrationException with reason {@code CONNECTION} when the database cannot be reached
	 */
	static DatabaseSession open(MigratorConfig config) {
		Connection connection;
		try {
			connection = config.dataSource().getConnection();
		}
		catch (SQLException ex) {
			throw new MigrationException(Reason.CONNECTION, "Cannot connect to the database to migrate: "
					+ ex.getMessage() + ". Check that it is running and reachable, and the migration user and"
					+ " password (migrator.datasource.* or spring.datasource.*)", null, 0, ex.getSQLState(), ex);
		}
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
	 * The database user that migrations are recorded under.
	 * @param configured the configured name, if any
	 * @return the name
	 * @throws SQLException if the metadata cannot be read
	 */
	String installedBy(@org.jspecify.annotations.Nullable String configured) throws SQLException {
		if (configured != null) {
			return configured;
		}
		String user = this.connection.getMetaData().getUserName();
		return (user != null) ? user : "unknown";
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
