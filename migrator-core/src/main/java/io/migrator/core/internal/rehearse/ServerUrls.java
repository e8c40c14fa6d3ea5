package io.migrator.core.internal.rehearse;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * The scratch database's URL on the server of another, and plain connections to it.
 */
public final class ServerUrls {

	private static final Pattern POSTGRES_URL = Pattern.compile("^(jdbc:postgresql:(?://[^/?]*/?)?)([^?]*)(\\?.*)?$");

	private ServerUrls() {
	}

	/**
	 * The same URL naming another database on the same server, its parameters kept.
	 * @param url a {@code jdbc:postgresql:} URL
	 * @param database the other database
	 * @return the URL of the other database
	 */
	public static String withDatabase(String url, String database) {
		Matcher matcher = POSTGRES_URL.matcher(url);
		if (!matcher.matches()) {
			throw new MigrationException(Reason.CONFIGURATION,
					"The rehearsal needs a jdbc:postgresql: URL to find"
							+ " the server to create its scratch database on, not '" + withoutParameters(url)
							+ "': set migrator.rehearsal.url to a PostgreSQL server");
		}
		String prefix = matcher.group(1);
		if (prefix.startsWith("jdbc:postgresql://") && !prefix.endsWith("/")) {
			prefix = prefix + "/";
		}
		return prefix + database + ((matcher.group(3) != null) ? matcher.group(3) : "");
	}

	/**
	 * The URL without its parameters, which may carry a password: fit for messages.
	 * @param url a JDBC URL
	 * @return the URL up to its first {@code ?}
	 */
	public static String withoutParameters(String url) {
		int parameters = url.indexOf('?');
		return (parameters < 0) ? url : url.substring(0, parameters);
	}

	/**
	 * Connections through {@link DriverManager}, each opened and closed by its user.
	 * @param url the URL
	 * @param username the user, {@code null} for the URL's
	 * @param password the password, {@code null} for none
	 * @return the data source
	 */
	public static DataSource dataSource(String url, @Nullable String username, @Nullable String password) {
		return new DriverDataSource(url, username, password);
	}

	private record DriverDataSource(String url, @Nullable String username,
			@Nullable String password) implements DataSource {

		@Override
		public Connection getConnection() throws SQLException {
			return getConnection(this.username, this.password);
		}

		@Override
		public Connection getConnection(@Nullable String user, @Nullable String secret) throws SQLException {
			Properties properties = new Properties();
			if (user != null) {
				properties.setProperty("user", user);
			}
			if (secret != null) {
				properties.setProperty("password", secret);
			}
			return DriverManager.getConnection(this.url, properties);
		}

		@Override
		public String toString() {
			return "DriverDataSource[" + withoutParameters(this.url) + "]";
		}

		@Override
		public @Nullable PrintWriter getLogWriter() {
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
		public <T> T unwrap(Class<T> type) throws SQLException {
			throw new SQLException("Not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> type) {
			return false;
		}

	}

}
