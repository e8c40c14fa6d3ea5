package io.migrator.core.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A private in-memory H2 database in PostgreSQL compatibility mode.
 */
public final class H2TestDatabase extends DriverManagerTestDatabase {

	private H2TestDatabase(String url) {
		super(url, "sa", "");
	}

	public static H2TestDatabase create() {
		String name = "migrator_test_" + UUID.randomUUID().toString().replace("-", "");
		return new H2TestDatabase("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
	}

	@Override
	public String kind() {
		return "h2";
	}

	@Override
	public void close() {
		try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot shut down " + url(), ex);
		}
	}

}
