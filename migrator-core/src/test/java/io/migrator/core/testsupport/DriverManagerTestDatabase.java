package io.migrator.core.testsupport;

import javax.sql.DataSource;

import io.migrator.core.testsupport.TestDatabase.DriverManagerDataSource;

/**
 * A test database reached over {@link java.sql.DriverManager} with one login: its
 * {@link DriverManagerDataSource} holds the URL and the credentials the database answers
 * with.
 */
public abstract class DriverManagerTestDatabase implements TestDatabase {

	private final DriverManagerDataSource dataSource;

	protected DriverManagerTestDatabase(String url, String username, String password) {
		this.dataSource = new DriverManagerDataSource(url, username, password);
	}

	@Override
	public final DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public final String url() {
		return this.dataSource.url();
	}

	@Override
	public final String username() {
		return this.dataSource.username();
	}

	@Override
	public final String password() {
		return this.dataSource.password();
	}

}
