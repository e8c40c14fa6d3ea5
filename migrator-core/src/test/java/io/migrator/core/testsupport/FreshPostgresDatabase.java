package io.migrator.core.testsupport;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A new, empty PostgreSQL database for each test, dropped after it, found as
 * {@link PostgresTestDatabase} finds its server. Register it as a field: <pre>
 * &#64;RegisterExtension
 * final FreshPostgresDatabase database = new FreshPostgresDatabase();
 * </pre>
 */
public final class FreshPostgresDatabase implements TestDatabase, BeforeEachCallback, AfterEachCallback {

	private PostgresTestDatabase current;

	@Override
	public void beforeEach(ExtensionContext context) {
		this.current = PostgresTestDatabase.create();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

	private PostgresTestDatabase current() {
		if (this.current == null) {
			throw new IllegalStateException("The database exists only while a test runs: register "
					+ getClass().getSimpleName() + " with @RegisterExtension on an instance field");
		}
		return this.current;
	}

	@Override
	public DataSource dataSource() {
		return current().dataSource();
	}

	@Override
	public String url() {
		return current().url();
	}

	@Override
	public String username() {
		return current().username();
	}

	@Override
	public String password() {
		return current().password();
	}

	@Override
	public String kind() {
		return current().kind();
	}

	/**
	 * The server, to create roles or other databases beside the test's own.
	 * @return the server
	 */
	public PostgresTestDatabase.Server host() {
		return PostgresTestDatabase.server();
	}

	@Override
	public void close() {
		if (this.current != null) {
			this.current.close();
			this.current = null;
		}
	}

}
