package io.migrator.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.Version;
import io.migrator.core.rehearse.RehearsalSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.util.StringUtils;

/**
 * Where the {@code rehearse} command creates its scratch database: the server of
 * {@code migrator.rehearsal.url}, or else the migration database's own server, as the
 * migration user unless {@code migrator.rehearsal.username} says otherwise.
 */
final class RehearsalServer {

	private RehearsalServer() {
	}

	static RehearsalSettings settings(MigratorProperties.Rehearsal properties, DataSource migration,
			@Nullable Version target) {
		Version undoTo = undoTo(properties);
		JdbcUrlCredentials server = server(properties, migration);
		String username = StringUtils.hasText(properties.getUsername()) ? properties.getUsername() : server.username();
		String password = StringUtils.hasText(properties.getPassword()) ? properties.getPassword() : server.password();
		return RehearsalSettings.onServer(server.url(), username, password)
			.withKeepGoing(properties.isKeepGoing())
			.withUndoTo(undoTo)
			.withTarget(target);
	}

	private static Version undoTo(MigratorProperties.Rehearsal properties) {
		try {
			return Version.parse(properties.getUndoTo().strip());
		}
		catch (IllegalArgumentException ex) {
			throw new MigrationException(Reason.CONFIGURATION, "migrator.rehearsal.undo-to '" + properties.getUndoTo()
					+ "' is not a version: " + ex.getMessage() + ". Use a version such as 3, or 0 to undo everything");
		}
	}

	private static JdbcUrlCredentials server(MigratorProperties.Rehearsal properties, DataSource migration) {
		if (StringUtils.hasText(properties.getUrl())) {
			return JdbcUrlCredentials.of(properties.getUrl());
		}
		try {
			SimpleDriverDataSource derived = DataSourceBuilder.derivedFrom(migration)
				.type(SimpleDriverDataSource.class)
				.build();
			if (derived.getUrl() != null) {
				JdbcUrlCredentials url = JdbcUrlCredentials.of(derived.getUrl());
				return new JdbcUrlCredentials(url.url(),
						StringUtils.hasText(url.username()) ? url.username() : derived.getUsername(),
						StringUtils.hasText(url.password()) ? url.password() : derived.getPassword());
			}
		}
		catch (RuntimeException ex) {
			// Not a pool Boot can read: the driver still knows its URL and user, though
			// not the password (set migrator.rehearsal.password where one is needed).
		}
		return fromConnection(migration);
	}

	private static JdbcUrlCredentials fromConnection(DataSource migration) {
		try (Connection connection = migration.getConnection()) {
			JdbcUrlCredentials url = JdbcUrlCredentials.of(connection.getMetaData().getURL());
			return new JdbcUrlCredentials(url.url(),
					StringUtils.hasText(url.username()) ? url.username() : connection.getMetaData().getUserName(),
					url.password());
		}
		catch (SQLException ex) {
			throw new MigrationException(
					Reason.CONNECTION, "Cannot connect to the migration database to find the"
							+ " server to rehearse on: " + ex.getMessage() + ". Set migrator.rehearsal.url",
					null, 0, ex.getSQLState(), ex);
		}
	}

}
