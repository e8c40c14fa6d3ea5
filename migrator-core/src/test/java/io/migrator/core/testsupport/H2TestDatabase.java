package io.migrator.core.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * A private in-memory H2 database in PostgreSQL compatibility mode.
 */
public final class H2TestDatabase implements TestDatabase {

	private final String url;

	private final DataSource dataSource;

	private H2TestDatabase(String url) {
		this.url = url;
		this.dataSource = new DriverManagerDataSource(url, "sa", "");
	}

	public static H2TestDatabase create() {
		String name = "migrator_test_" + UUID.randomUUID().toString().replace("-", "");
		return new H2TestDatabase("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
	}

	@Override
	public DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public String url() {
		return this.url;
	}

	@Override
	public String username() {
		return "sa";
	}

	@Override
	public String password() {
		return "";
	}

	@Override
	public String kind() {
		return "h2";
	}

	@Override
	public void close() {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot shut down " + this.url, ex);
		}
	}

}
