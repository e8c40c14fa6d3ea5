package io.migrator.core.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One connection to a fresh {@link PostgresTestDatabase}, for tests of what the driver
 * and the server do; closing it drops the database.
 */
public final class PostgresTestConnection implements AutoCloseable {

	private final PostgresTestDatabase database;

	private final Connection connection;

	private PostgresTestConnection(PostgresTestDatabase database, Connection connection) {
		this.database = database;
		this.connection = connection;
	}

	/**
	 * Create a database and connect to it.
	 * @return the connection
	 * @throws SQLException if it cannot connect
	 */
	public static PostgresTestConnection open() throws SQLException {
		PostgresTestDatabase database = PostgresTestDatabase.create();
		try {
			return new PostgresTestConnection(database, database.dataSource().getConnection());
		}
		catch (SQLException ex) {
			database.close();
			throw ex;
		}
	}

	public Connection connection() {
		return this.connection;
	}

	/**
	 * Run a statement.
	 * @param sql the statement
	 * @throws SQLException if it fails
	 */
	public void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * The first column of a query's first row.
	 * @param sql the query
	 * @return the value
	 * @throws SQLException if it fails
	 */
	public long queryLong(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	/**
	 * Send statements as one JDBC batch, as migrator does: in a transaction, without
	 * escape processing. The transaction stays open.
	 * @param entries the statements
	 * @return the update counts
	 * @throws SQLException if the batch fails
	 */
	public int[] batch(String... entries) throws SQLException {
		this.connection.setAutoCommit(false);
		try (Statement statement = this.connection.createStatement()) {
			statement.setEscapeProcessing(false);
			for (String entry : entries) {
				statement.addBatch(entry);
			}
			return statement.executeBatch();
		}
	}

	/**
	 * End the open transaction one way or the other and go back to auto-commit.
	 * @param commit whether to commit, else roll back
	 * @throws SQLException if it fails
	 */
	public void endTransaction(boolean commit) throws SQLException {
		if (commit) {
			this.connection.commit();
		}
		else {
			this.connection.rollback();
		}
		this.connection.setAutoCommit(true);
	}

	@Override
	public void close() throws SQLException {
		try {
			this.connection.close();
		}
		finally {
			this.database.close();
		}
	}

}
