package io.migrator.core.testsupport;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.testcontainers.mariadb.MariaDBContainer;

/**
 * A fresh MariaDB database ({@code CREATE DATABASE migrator_test_...}) for one test,
 * dropped on close; {@code test} and {@code mysql} are never touched. The server is found
 * once per JVM, in the order {@link PostgresTestDatabase} uses:
 * <ol>
 * <li>Testcontainers, where a Docker engine is available;</li>
 * <li>the server named by {@code MIGRATOR_TEST_MARIADB_URL} (a JDBC URL with the user and
 * password of an account that may create databases and users);</li>
 * <li>the local server at {@code 127.0.0.1:3306} as {@code root} without a password, if
 * it answers;</li>
 * <li>otherwise the test fails, saying how to provide one. It never skips.</li>
 * </ol>
 */
public final class MariadbTestDatabase extends DriverManagerTestDatabase {

	/** The environment variable naming a MariaDB server for tests. */
	public static final String URL_VARIABLE = "MIGRATOR_TEST_MARIADB_URL";

	/**
	 * The local server tried when there is neither Docker nor the variable: a development
	 * machine's default installation.
	 */
	static final String LOCAL_URL = "jdbc:mariadb://127.0.0.1:3306/?user=root&connectTimeout=3000";

	private static Server server;

	private final Server host;

	private final String name;

	private final java.util.List<String> alsoDropped = new java.util.concurrent.CopyOnWriteArrayList<>();

	private MariadbTestDatabase(Server host, String name) {
		super(host.urlFor(name), host.username(), host.password());
		this.host = host;
		this.name = name;
	}

	/**
	 * Create a new, empty database.
	 * @return the database
	 */
	public static MariadbTestDatabase create() {
		Server host = server();
		String name = "migrator_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		host.admin("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
		return new MariadbTestDatabase(host, name);
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
			MariaDBContainer container = new MariaDBContainer("mariadb:11.4").withUsername("root")
				.withPassword("migrator");
			container.start();
			Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
			return Server.parse(container.getJdbcUrl(), "root", "migrator");
		}, LOCAL_URL, (url) -> Server
			.parse(url, null, null), "No MariaDB for the tests: Docker is not available for Testcontainers and "
					+ URL_VARIABLE + " is not set. Start Docker, or start a MariaDB server"
					+ " (start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd) and point "
					+ URL_VARIABLE + " at it with an account that may create databases and users, e.g. export "
					+ URL_VARIABLE + "='jdbc:mariadb://127.0.0.1:3306/?user=root' (the tests create and drop their"
					+ " own databases there), or run it on 127.0.0.1:3306 with such an account, root, without a password");
	}

	@Override
	public String kind() {
		return "mariadb";
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

	/**
	 * Drop another database (a test's second schema) when this one is dropped.
	 * @param database its name
	 */
	public void dropWithIt(String database) {
		this.alsoDropped.add(database);
	}

	@Override
	public void close() {
		for (String other : this.alsoDropped) {
			this.host.admin("DROP DATABASE IF EXISTS `" + other + "`");
		}
		this.host.admin("DROP DATABASE IF EXISTS " + this.name);
	}

	/**
	 * A MariaDB server and an administrative login on it.
	 *
	 * @param base {@code jdbc:mariadb://host:port/}
	 * @param username the administrative user
	 * @param password its password
	 */
	public record Server(String base, String username, String password) {

		static Server parse(String jdbcUrl, String username, String password) {
			if (!jdbcUrl.startsWith("jdbc:mariadb://") && !jdbcUrl.startsWith("jdbc:mysql://")) {
				throw new IllegalStateException(URL_VARIABLE + " must be a jdbc:mariadb:// URL, not " + jdbcUrl);
			}
			URI uri = URI.create("mariadb://" + jdbcUrl.substring(jdbcUrl.indexOf("://") + 3));
			String user = (username != null) ? username : parameter(uri, "user", "root");
			String pass = (password != null) ? password : parameter(uri, "password", "");
			String base = "jdbc:mariadb://" + uri.getHost() + ((uri.getPort() > 0) ? ":" + uri.getPort() : "") + "/";
			return new Server(base, user, pass);
		}

		private static String parameter(URI uri, String name, String otherwise) {
			if (uri.getRawQuery() != null) {
				for (String pair : uri.getRawQuery().split("&")) {
					if (pair.startsWith(name + "=")) {
						return pair.substring(name.length() + 1);
					}
				}
			}
			return otherwise;
		}

		/**
		 * The JDBC URL of a database on this server, without credentials.
		 * @param name the database
		 * @return the URL
		 */
		public String urlFor(String name) {
			return this.base + name;
		}

		/**
		 * Run a statement on the server, in no database.
		 * @param sql the statement
		 */
		public void admin(String sql) {
			try (Connection connection = DriverManager.getConnection(this.base, this.username, this.password);
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
			catch (SQLException ex) {
				throw new IllegalStateException(
						"Cannot run '" + sql + "' on the test MariaDB server " + this.base + ": " + ex.getMessage(),
						ex);
			}
		}

		@Override
		public String toString() {
			return "Server[" + this.base + ", user " + this.username + "]";
		}

	}

}
