package io.migrator.autoconfigure;

import javax.sql.DataSource;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Chooses the data source that migrations run on:
 * <ol>
 * <li>{@code migrator.datasource.url} set: a new connection to that URL with the
 * {@code migrator.datasource.username} and {@code password} (or none: the URL may carry
 * them);</li>
 * <li>only {@code migrator.datasource.username} (and {@code password}) set: a new
 * connection to the application's database as that user;</li>
 * <li>neither: the application's {@link DataSource}, or a new connection from the
 * {@link JdbcConnectionDetails} when the application has none.</li>
 * </ol>
 * Every data source created here is a {@link SimpleDriverDataSource}: each run opens its
 * own physical connection and closes it, so a migration never takes a connection from (or
 * leaves one in) the application's pool. Its URL carries no user or password: they are
 * passed apart (see {@link JdbcUrlCredentials}), so debug logging of the URL never shows
 * a password, and the application's URL cannot override the migration user.
 */
final class MigrationDataSources {

	private MigrationDataSources() {
	}

	static DataSource resolve(MigratorProperties.Datasource properties, @Nullable DataSource application,
			@Nullable JdbcConnectionDetails connectionDetails) {
		if (StringUtils.hasText(properties.getUrl())) {
			// As the driver would: the URL's own user and password win over the separate
			// properties.
			return simple(properties.getUrl(), properties.getUsername(), properties.getPassword(), null, true);
		}
		if (StringUtils.hasText(properties.getUsername()) || StringUtils.hasText(properties.getPassword())) {
			return asMigrationUser(properties, application, connectionDetails);
		}
		if (application != null) {
			return application;
		}
		if (connectionDetails != null) {
			return simple(connectionDetails.getJdbcUrl(), connectionDetails.getUsername(),
					connectionDetails.getPassword(), connectionDetails.getDriverClassName(), true);
		}
		throw new MigrationException(Reason.CONFIGURATION,
				"No database to migrate: there is no unique DataSource bean."
						+ " Mark one DataSource @Primary, set migrator.datasource.url, or set the data source in a"
						+ " MigratorConfigCustomizer");
	}

	private static DataSource asMigrationUser(MigratorProperties.Datasource properties,
			@Nullable DataSource application, @Nullable JdbcConnectionDetails connectionDetails) {
		// The application's pool knows the URL it really uses; connection details are the
		// fallback when there is no pool (or one DataSourceBuilder cannot read).
		if (application != null) {
			try {
				SimpleDriverDataSource derived = DataSourceBuilder.derivedFrom(application)
					.type(SimpleDriverDataSource.class)
					.build();
				// The application's URL may name the application's own user and password:
				// the migration credentials come first, then the application's, as its
				// driver read them.
				Assert.state(derived.getUrl() != null, "The application's DataSource has no readable URL");
				JdbcUrlCredentials url = JdbcUrlCredentials.of(derived.getUrl());
				derived.setUrl(url.url());
				derived.setUsername(first(properties.getUsername(), first(url.username(), derived.getUsername())));
				derived.setPassword(first(properties.getPassword(), first(url.password(), derived.getPassword())));
				return derived;
			}
			catch (RuntimeException ex) {
				if (connectionDetails == null) {
					throw new MigrationException(Reason.CONFIGURATION,
							"Cannot tell the URL of the application's DataSource (" + application.getClass().getName()
									+ ") to connect as migrator.datasource.username:"
									+ " set migrator.datasource.url too",
							ex);
				}
			}
		}
		if (connectionDetails != null) {
			return simple(connectionDetails.getJdbcUrl(), properties.getUsername(), properties.getPassword(),
					connectionDetails.getDriverClassName(), false);
		}
		throw new MigrationException(Reason.CONFIGURATION, "migrator.datasource.username is set, but there is no"
				+ " application database whose URL it could use: set migrator.datasource.url too");
	}

	private static @Nullable String first(@Nullable String value, @Nullable String fallback) {
		return StringUtils.hasText(value) ? value : fallback;
	}

	/**
	 * A non-pooled data source on a URL with its user and password taken out, so the
	 * driver never sees (or logs) them in the URL.
	 * @param rawUrl the URL as configured
	 * @param username the user given beside the URL
	 * @param password the password given beside the URL
	 * @param driverClassName the driver, {@code null} to derive it from the URL
	 * @param urlWins whether the URL's own user and password win over the given ones
	 */
	private static DataSource simple(String rawUrl, @Nullable String username, @Nullable String password,
			@Nullable String driverClassName, boolean urlWins) {
		JdbcUrlCredentials url = JdbcUrlCredentials.of(rawUrl);
		DataSourceBuilder<SimpleDriverDataSource> builder = DataSourceBuilder.create()
			.type(SimpleDriverDataSource.class)
			.url(url.url())
			.username(urlWins ? first(url.username(), username) : first(username, url.username()))
			.password(urlWins ? first(url.password(), password) : first(password, url.password()));
		if (StringUtils.hasText(driverClassName)) {
			builder.driverClassName(driverClassName);
		}
		return builder.build();
	}

}
