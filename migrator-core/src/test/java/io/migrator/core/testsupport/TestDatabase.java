package io.migrator.core.testsupport;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

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

	@Override
	void close();

	/**
	 * A {@link DataSource} over {@link DriverManager}, so tests need no pool.
	 */
	record DriverManagerDataSource(String url, String username, String password) implements DataSource {

		@Override
		public Connection getConnection() throws SQLException {
			return DriverManager.getConnection(this.url, this.username, this.password);
		}

		@Override
		public Connection getConnection(String user, String pass) throws SQLException {
			return DriverManager.getConnection(this.url, user, pass);
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public Logger getParentLogger() throws SQLFeatureNotSupportedException {
			throw new SQLFeatureNotSupportedException();
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws SQLException {
			throw new SQLException("Not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) {
			return false;
		}

		@Override
		public String toString() {
			return "DriverManagerDataSource[" + this.url + "]";
		}

	}

}
