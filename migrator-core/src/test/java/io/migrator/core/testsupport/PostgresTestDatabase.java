package io.migrator.core.testsupport;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh PostgreSQL database for one test class, dropped on close. The server is found
 * once per JVM, in this order:
 * <ol>
 * <li>Testcontainers, where a Docker engine is available;</li>
 * <li>the server named by {@code MIGRATOR_TEST_POSTGRES_URL} (a JDBC URL with the user
 * and password of a role that may create databases);</li>
 * <li>the local server at {@code 127.0.0.1:5432} as user {@code postgres}, if it
 * answers;</li>
 * <li>otherwise the test fails, saying how to provide one. It never skips.</li>
 * </ol>
 */
public final class PostgresTestDatabase extends DriverManagerTestDatabase {

	/** The environment variable naming a PostgreSQL server for tests. */
	public static final String URL_VARIABLE = "MIGRATOR_TEST_POSTGRES_URL";

	/**
	 * The local server tried when there is neither Docker nor the variable: a development
	 * machine's default installation.
	 */
	static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&connectTimeout=3";

	private static Server server;

	private final Server host;

	private final String name;

	private PostgresTestDatabase(Server host, String name) {
		super(host.urlFor(name), host.username, host.password);
		this.host = host;
		this.name = name;
	}

	/**
	 * Create a new, empty database.
	 * @return the database
	 */
	public static PostgresTestDatabase create() {
		Server host = server();
		String name = "migrator_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		host.admin("CREATE DATABASE " + name);
		return new PostgresTestDatabase(host, name);
	}

	/**
	 * The server tests use, found once.
	 * @return the server
	 */
	public static synchronized Server server() {
		if (server == null) {
			server = findServer();
		}
		return server;
	}

	private static Server findServer() {
		return TestServers.find(URL_VARIABLE, () -> {
			PostgreSQLContainer container = new PostgreSQLContainer("postgres:17-alpine");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return Server.parse(container.getJdbcUrl(), container.getUsername(), container.getPassword());
		}, LOCAL_URL, (url) -> Server.parse(url, null, null), "No PostgreSQL for the tests: Docker is not"
				+ " available for Testcontainers and " + URL_VARIABLE + " is not set. Start Docker, or point "
				+ URL_VARIABLE + " at a server whose role may create databases, e.g. export " + URL_VARIABLE
				+ "=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres (the tests create and drop their own"
				+ " databases there), or start PostgreSQL on 127.0.0.1:5432 with a role postgres that may create databases");
	}

	@Override
	public String kind() {
		return "postgresql";
	}

	/**
	 * The database's name on the server.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	public Server host() {
		return this.host;
	}

	@Override
	public void close() {
		this.host.admin("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
	}

	/**
	 * A PostgreSQL server and an administrative login on it.
	 */
	public static final class Server {

		private final String base;

		private final String database;

		private final Map<String, String> parameters;

		private final String username;

		private final String password;

		private Server(String base, String database, Map<String, String> parameters, String username, String password) {
			this.base = base;
			this.database = database;
			this.parameters = parameters;
			this.username = username;
			this.password = password;
		}

		static Server parse(String jdbcUrl, String username, String password) {
			if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
				throw new IllegalStateException(URL_VARIABLE + " must be a jdbc:postgresql:// URL");
			}
			URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
			Map<String, String> parameters = new LinkedHashMap<>();
			if (uri.getRawQuery() != null) {
				for (String pair : uri.getRawQuery().split("&")) {
					int eq = pair.indexOf('=');
					if (eq > 0) {
						parameters.put(pair.substring(0, eq), pair.substring(eq + 1));
					}
				}
			}
			String user = (username != null) ? username : parameters.getOrDefault("user", "postgres");
			String pass = (password != null) ? password : parameters.getOrDefault("password", "");
			parameters.remove("user");
			parameters.remove("password");
			String path = uri.getPath();
			String database = (path == null || path.length() <= 1) ? "postgres" : path.substring(1);
			String base = "jdbc:postgresql://" + uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : "") + "/";
			return new Server(base, database, parameters, user, pass);
		}

		/**
		 * The JDBC URL of a database on this server, without credentials.
		 * @param name the database
		 * @return the URL
		 */
		public String urlFor(String name) {
			StringBuilder url = new StringBuilder(this.base).append(name);
			char separator = '?';
			for (Map.Entry<String, String> parameter : this.parameters.entrySet()) {
				url.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
				separator = '&';
			}
			return url.toString();
		}

		/**
		 * The JDBC URL of the server's administrative database with the login in it, for
		 * tools that take one URL.
		 * @return the URL
		 */
		public String adminUrl() {
			String url = urlFor(this.database);
			return url + ((url.indexOf('?') < 0) ? '?' : '&') + "user=" + encode(this.username) + "&password="
					+ encode(this.password);
		}

		private static String encode(String value) {
			return URLEncoder.encode(value, StandardCharsets.UTF_8);
		}

		public String username() {
			return this.username;
		}

		public String password() {
			return this.password;
		}

		/**
		 * Run a statement on the server's administrative database.
		 * @param sql the statement
		 */
		public void admin(String sql) {
			try (Connection connection = DriverManager.getConnection(urlFor(this.database), this.username,
					this.password); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(
						"Cannot run '" + sql + "' on the test PostgreSQL server " + this.base + ": " + ex.getMessage(),
						ex);
			}
		}

	}

}
