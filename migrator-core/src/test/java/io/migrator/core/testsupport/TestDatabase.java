package io.migrator.core.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * A database a test created for itself and drops when closed.
 */
public interface TestDatabase extends AutoCloseable {

	/**
	 * A non-pooled data source: every getConnection() opens a new physical connection, as
	 * two replicas would.
	 * @return the data source
	 */
	DataSource dataSource();

	/**
	 * The JDBC URL of this database, without credentials.
	 * @return the URL
	 */
	String url();

	String username();

	String password();

	/**
	 * Which database this is: {@code postgresql} or {@code h2}.
	 * @return the kind
	 */
	String kind();

	/**
	 * Run a statement on a connection of its own.
	 * @param sql the statement
	 */
	default void execute(String sql) {
		try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Run a query on a connection of its own and read the first column of its first row.
	 * @param sql the query
	 * @return the value as text, {@code null} for SQL NULL
	 */
	default String queryForString(String sql) {
		try (Connection connection = dataSource().getConnection();
				Statement statement = connection.createStatement();
				java.sql.ResultSet result = statement.executeQuery(sql)) {
			if (!result.next()) {
				throw new IllegalStateException("No row from " + sql);
			}
			return result.getString(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	void close();

	/**
	 * A {@link DataSource} over {@link DriverManager}, so tests need no pool.
	 */
	record DriverManagerDataSource(String url, String username, String password) implements PlainDataSource {

		@Override
		public Connection getConnection() throws SQLException {
			return DriverManager.getConnection(this.url, this.username, this.password);
		}

		@Override
		public Connection getConnection(String user, String pass) throws SQLException {
			return DriverManager.getConnection(this.url, user, pass);
		}

		@Override
		public String toString() {
			return "DriverManagerDataSource[" + this.url + "]";
		}

	}

}
