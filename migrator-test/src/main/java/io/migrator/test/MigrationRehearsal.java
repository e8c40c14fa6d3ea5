package io.migrator.test;

import java.util.Arrays;
import java.util.List;

import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.rehearse.RehearsalReport;
import io.migrator.core.rehearse.RehearsalSettings;
import org.jspecify.annotations.Nullable;

/**
 * The rehearsal as an assertion for a project's own tests: the scripts under the
 * locations applied one by one in a scratch database on a PostgreSQL server (created and
 * dropped for the test), undone newest first with each undo script checked to restore the
 * schema before its version, and applied again. A failure is an {@link AssertionError}
 * whose message is the rehearsal's summary:
 *
 * <pre class="code">
 * &#064;Test
 * void undoScriptsRestoreTheSchema() {
 *     MigrationRehearsal.assertUndoScriptsRestoreTheSchema(
 *             "jdbc:postgresql://localhost:5432/postgres", "postgres", "secret");
 * }
 * </pre>
 *
 * The role needs to be allowed to create databases; the database of the URL is only used
 * to create and drop the scratch one, and nothing runs in it.
 *
 * @since 0.3.0
 */
public final class MigrationRehearsal {

	private MigrationRehearsal() {
	}

	/**
	 * Rehearse the scripts under the locations on a server.
	 * @param url a {@code jdbc:postgresql:} URL of the server
	 * @param username a role that may create databases, {@code null} for the URL's
	 * @param password its password, {@code null} for none
	 * @param locations such as {@code classpath:db/migration}; none means
	 * {@value MigrationLint#DEFAULT_LOCATION}
	 * @return the report
	 */
	public static RehearsalReport rehearse(String url, @Nullable String username, @Nullable String password,
			String... locations) {
		return rehearse(RehearsalSettings.onServer(url, username, password), locations);
	}

	/**
	 * Rehearse the scripts under the locations as the settings say (such as
	 * {@link RehearsalSettings#withKeepGoing going on} past a failing undo script).
	 * @param settings where and how far to rehearse
	 * @param locations such as {@code classpath:db/migration}; none means
	 * {@value MigrationLint#DEFAULT_LOCATION}
	 * @return the report
	 */
	public static RehearsalReport rehearse(RehearsalSettings settings, String... locations) {
		MigratorConfig config = MigratorConfig.builder()
			.dataSource(settings.server())
			.locations((locations.length > 0) ? Arrays.asList(locations) : List.of(MigrationLint.DEFAULT_LOCATION))
			.build();
		return new Migrator(config).rehearse(settings);
	}

	/**
	 * Assert that every script applies, every undo script restores the schema before its
	 * version exactly, and every undone version applies again to the same schema.
	 * @param url a {@code jdbc:postgresql:} URL of the server
	 * @param username a role that may create databases, {@code null} for the URL's
	 * @param password its password, {@code null} for none
	 * @param locations such as {@code classpath:db/migration}; none means
	 * {@value MigrationLint#DEFAULT_LOCATION}
	 * @throws AssertionError with the rehearsal's summary: each failing script with its
	 * line and SQLSTATE, each difference an undo script leaves
	 */
	public static void assertUndoScriptsRestoreTheSchema(String url, @Nullable String username,
			@Nullable String password, String... locations) {
		assertPassed(rehearse(url, username, password, locations));
	}

	/**
	 * Assert that a rehearsal found no problem.
	 * @param report the report
	 * @throws AssertionError with the report's summary when it found one, or when it
	 * rehearsed no script at all
	 */
	public static void assertPassed(RehearsalReport report) {
		if (report.steps().isEmpty()) {
			throw new AssertionError("The rehearsal found no versioned scripts: pass the locations the application's"
					+ " migrator.locations names");
		}
		if (!report.passed()) {
			throw new AssertionError(report.summary());
		}
	}

}
