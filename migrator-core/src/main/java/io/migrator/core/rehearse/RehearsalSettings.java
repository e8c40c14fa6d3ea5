package io.migrator.core.rehearse;

import java.util.Objects;
import java.util.function.Function;

import javax.sql.DataSource;

import io.migrator.core.Version;
import io.migrator.core.internal.rehearse.ServerUrls;
import org.jspecify.annotations.Nullable;

/**
 * Where and how far to rehearse. The rehearsal creates its own scratch database on the
 * server, runs there and drops it: it never runs a script against the database being
 * migrated.
 *
 * @param server connections to the server, to create and drop the scratch database (a
 * role that may create databases)
 * @param databases connections to a database of that name on the same server
 * @param keepGoing whether the down pass goes on past an undo script that fails, counting
 * what it left behind as known so later steps report only their own differences
 * @param undoTo the version the down pass stops at; {@link Version#ZERO} undoes
 * everything
 * @param target the highest version to apply, {@code null} for the latest script
 * @since 0.3.0
 */
public record RehearsalSettings(DataSource server, Function<String, DataSource> databases, boolean keepGoing,
		Version undoTo, @Nullable Version target) {

	public RehearsalSettings {
		Objects.requireNonNull(server, "server");
		Objects.requireNonNull(databases, "databases");
		Objects.requireNonNull(undoTo, "undoTo");
	}

	/**
	 * Rehearse on the PostgreSQL server of a JDBC URL, connecting as the given role to
	 * the URL's database to create the scratch database, and to the scratch database with
	 * the same URL otherwise; everything undone, up to the latest script, stopping at the
	 * first undo that fails.
	 * @param url a {@code jdbc:postgresql:} URL; its database is used only to create and
	 * drop the scratch database
	 * @param username the role, {@code null} to use the URL's or the driver's default
	 * @param password its password, {@code null} for none
	 * @return the settings
	 * @throws io.migrator.core.MigrationException if the URL is not a PostgreSQL one
	 */
	public static RehearsalSettings onServer(String url, @Nullable String username, @Nullable String password) {
		// Refuse another database's URL now rather than once a scratch database exists.
		ServerUrls.withDatabase(url, "postgres");
		return new RehearsalSettings(ServerUrls.dataSource(url, username, password),
				(database) -> ServerUrls.dataSource(ServerUrls.withDatabase(url, database), username, password), false,
				Version.ZERO, null);
	}

	/**
	 * These settings, going on past a failing undo script or not.
	 * @param keepGoing whether to go on
	 * @return new settings
	 */
	public RehearsalSettings withKeepGoing(boolean keepGoing) {
		return new RehearsalSettings(this.server, this.databases, keepGoing, this.undoTo, this.target);
	}

	/**
	 * These settings, with the down pass stopping at a version.
	 * @param undoTo the version to undo back to; {@link Version#ZERO} for everything
	 * @return new settings
	 */
	public RehearsalSettings withUndoTo(Version undoTo) {
		return new RehearsalSettings(this.server, this.databases, this.keepGoing, undoTo, this.target);
	}

	/**
	 * These settings, applying versions up to a target only.
	 * @param target the highest version, {@code null} for the latest
	 * @return new settings
	 */
	public RehearsalSettings withTarget(@Nullable Version target) {
		return new RehearsalSettings(this.server, this.databases, this.keepGoing, this.undoTo, target);
	}

}
