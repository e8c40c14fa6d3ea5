package io.migrator.benchmarks;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The PostgreSQL server named by the benchmark's JDBC URL. Its database is used only as
 * the administrative connection that creates and drops one fresh database per
 * measurement; the URL's parameters (user, password, ...) are kept for every database.
 *
 * @since 0.1.0
 */
public final class PostgresServer {

	private static final String PREFIX = "jdbc:postgresql://";

	private static final SecureRandom random = new SecureRandom();

	private final String hostAndPort;

	private final String adminDatabase;

	private final String query;

	private PostgresServer(String hostAndPort, String adminDatabase, String query) {
		this.hostAndPort = hostAndPort;
		this.adminDatabase = adminDatabase;
		this.query = query;
	}

	/**
	 * Read a server from a JDBC URL such as
	 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}.
	 * @param jdbcUrl the URL; its database is the administrative one
	 * @return the server
	 * @throws IllegalArgumentException if the URL is not a PostgreSQL JDBC URL
	 */
	public static PostgresServer of(String jdbcUrl) {
		if (!jdbcUrl.startsWith(PREFIX)) {
			throw new IllegalArgumentException("--jdbc-url must be a jdbc:postgresql://host:port/database URL whose"
					+ " role may create databases, e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres; got "
					+ jdbcUrl);
		}
		URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
		String path = uri.getRawPath();
		String database = (path == null || path.length() <= 1) ? "postgres" : path.substring(1);
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		return new PostgresServer(uri.getRawAuthority(), database, query);
	}

	/**
	 * The JDBC URL of a database on this server, with the parameters of the given URL.
	 * @param database the database
	 * @return the URL
	 */
	public String urlFor(String database) {
		return PREFIX + this.hostAndPort + "/" + database + this.query;
	}

	/**
	 * Create a new, empty database with a random name.
	 * @return its name, {@code bench_<16 hex digits>}
	 */
	public String createDatabase() {
		byte[] bytes = new byte[8];
		random.nextBytes(bytes);
		String name = "bench_" + HexFormat.of().formatHex(bytes);
		admin("CREATE DATABASE " + name);
		return name;
	}

	/**
	 * Drop a database, ending any session still connected to it.
	 * @param name the database
	 */
	public void dropDatabase(String name) {
		admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
	}

	/**
	 * Write every dirty page to disk now, so the next measurement does not pay for the
	 * last one's writes: a checkpoint that the previous run's WAL triggers would
	 * otherwise slow the next tool's commits. Needs a superuser or {@code pg_checkpoint}.
	 * @return whether the server took the checkpoint
	 */
	public boolean checkpoint() {
		try {
			admin("CHECKPOINT");
			return true;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	/**
	 * Whether a database exists.
	 * @param name the database
	 * @return whether it exists
	 */
	public boolean exists(String name) {
		return queryLong(this.adminDatabase, "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") > 0;
	}

	/**
	 * The server's version, as {@code SELECT version()} says it.
	 * @return the version
	 */
	public String version() {
		try (Connection connection = connect(this.adminDatabase);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SHOW server_version")) {
			result.next();
			return "PostgreSQL " + result.getString(1);
		}
		catch (SQLException ex) {
			throw failure("SHOW server_version", this.adminDatabase, ex);
		}
	}

	/**
	 * Run a query that returns one number.
	 * @param database the database to run it in
	 * @param sql the query
	 * @return the number
	 */
	public long queryLong(String database, String sql) {
		try (Connection connection = connect(database);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
		catch (SQLException ex) {
			throw failure(sql, database, ex);
		}
	}

	private void admin(String sql) {
		try (Connection connection = connect(this.adminDatabase); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw failure(sql, this.adminDatabase, ex);
		}
	}

	private Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(urlFor(database));
	}

	private IllegalStateException failure(String sql, String database, SQLException ex) {
		return new IllegalStateException(
				"Cannot run '" + sql + "' in database " + database + " on " + this.hostAndPort + ": " + ex.getMessage()
						+ ". Check --jdbc-url: its role must be able to create" + " and drop databases",
				ex);
	}

}
