package io.migrator.core.contract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.Migrator;
import io.migrator.core.Version;
import io.migrator.core.callback.Callback;
import io.migrator.core.callback.CallbackContext;
import io.migrator.core.callback.Event;
import io.migrator.core.testsupport.FreshPostgresDatabase;
import io.migrator.core.testsupport.ScriptFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Flyway's callbacks, as SQL scripts in the locations and as {@link Callback}s, on
 * PostgreSQL.
 */
class PostgresCallbackTests {

	private static final String LOG = "CREATE TABLE IF NOT EXISTS callback_log (id SERIAL PRIMARY KEY, event TEXT);\n";

	@RegisterExtension
	final FreshPostgresDatabase database = new FreshPostgresDatabase();

	@TempDir
	Path folder;

	private final List<String> heard = new CopyOnWriteArrayList<>();

	@Test
	void sqlCallbacksRunInOrderAroundTheRunAndEachScript() throws SQLException {
		writeTwoScripts();
		logCallback("beforeMigrate.sql", "beforeMigrate");
		logCallback("beforeEachMigrate.sql", "beforeEachMigrate");
		logCallback("afterEachMigrate.sql", "afterEachMigrate");
		logCallback("afterMigrate__b_second.sql", "afterMigrate b");
		logCallback("afterMigrate__a_first.sql", "afterMigrate a");

		migrator().migrate();

		assertThat(log()).containsExactly("beforeMigrate", "beforeEachMigrate", "afterEachMigrate", "beforeEachMigrate",
				"afterEachMigrate", "afterMigrate a", "afterMigrate b");
	}

	@Test
	void beforeAndAfterMigrateRunOnEveryMigrateEvenWithNothingPending() throws SQLException {
		writeTwoScripts();
		logCallback("beforeMigrate.sql", "beforeMigrate");
		logCallback("afterMigrate.sql", "afterMigrate");
		migrator().migrate();

		assertThat(migrator().migrate().applied()).isEmpty();

		assertThat(log()).containsExactly("beforeMigrate", "afterMigrate", "beforeMigrate", "afterMigrate");
	}

	@Test
	void callbacksGetTheMigrationConnectionWhileItHoldsTheLockAndTheEvent() {
		writeTwoScripts();
		List<Boolean> lockHeld = new ArrayList<>();
		Callback recorder = (event, context) -> {
			this.heard.add(event + ((context.script() != null) ? " " + context.script().script() : ""));
			lockHeld.add(holdsAdvisoryLock(context));
		};

		migrator(recorder).migrate();

		assertThat(this.heard).containsExactly("BEFORE_MIGRATE", "BEFORE_EACH_MIGRATE V1__create_customer.sql",
				"AFTER_EACH_MIGRATE V1__create_customer.sql", "BEFORE_EACH_MIGRATE V2__add_email.sql",
				"AFTER_EACH_MIGRATE V2__add_email.sql", "AFTER_MIGRATE");
		assertThat(lockHeld).containsOnly(true);
	}

	@Test
	void aCallbackSeesOnlyTheEventsItSupports() {
		writeTwoScripts();
		Callback afterMigrateOnly = new Callback() {

			@Override
			public boolean supports(Event event) {
				return event == Event.AFTER_MIGRATE;
			}

			@Override
			public void handle(Event event, CallbackContext context) {
				PostgresCallbackTests.this.heard.add(event.callbackName());
			}

		};

		migrator(afterMigrateOnly).migrate();

		assertThat(this.heard).containsExactly("afterMigrate");
	}

	@Test
	void afterMigrateErrorRunsWhenAScriptFailsAndTheFailureGoesOn() throws SQLException {
		ScriptFolder.write(this.folder, "V1__log.sql", LOG);
		ScriptFolder.write(this.folder, "V2__broken.sql", "ALTER TABLE no_such_table ADD COLUMN x INT;\n");
		logCallback("afterMigrateError.sql", "afterMigrateError");
		logCallback("afterMigrate.sql", "afterMigrate");
		Callback recorder = (event, context) -> this.heard
			.add(event + ((context.script() != null) ? " " + context.script().script() : ""));

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator(recorder).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SCRIPT_FAILED))
			.withMessageContaining("V2__broken.sql");

		assertThat(log()).containsExactly("afterMigrateError");
		assertThat(this.heard).endsWith("AFTER_MIGRATE_ERROR V2__broken.sql");
	}

	@Test
	void aFailingCallbackStopsTheRunAfterTheScriptItFollows() {
		writeTwoScripts();
		Callback failing = (event, context) -> {
			if (event == Event.AFTER_EACH_MIGRATE) {
				throw new SQLException("no grants for you", "42501");
			}
		};

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator(failing).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SCRIPT_FAILED))
			.withMessageContaining("failed at afterEachMigrate (SQLSTATE 42501): no grants for you");

		assertThat(migrator().info().schemaVersion()).isEqualTo(Version.parse("1"));
	}

	@Test
	void aFailingSqlCallbackNamesItsFileAndLineAndLeavesNothingOfItself() throws SQLException {
		writeTwoScripts();
		ScriptFolder.write(this.folder, "afterMigrate.sql",
				"INSERT INTO customer VALUES (1, 'a', 'b');\nSELECT * FROM no_such_table;\n");

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
			.withMessageContaining("The afterMigrate callback ")
			.withMessageContaining("afterMigrate.sql failed at line 2 (SQLSTATE 42P01)")
			.withMessageContaining("Nothing of it was applied");

		assertThat(this.database.queryForString("SELECT count(*) FROM customer")).isEqualTo("0");
	}

	@Test
	void undoFiresItsOwnEvents() {
		writeTwoScripts();
		ScriptFolder.write(this.folder, "U2__add_email.sql", "ALTER TABLE customer DROP COLUMN email;\n");
		Callback recorder = (event, context) -> this.heard
			.add(event + ((context.script() != null) ? " " + context.script().script() : ""));
		migrator().migrate();

		migrator(recorder).undo(Version.parse("1"));

		assertThat(this.heard).containsExactly("BEFORE_UNDO", "BEFORE_EACH_UNDO U2__add_email.sql",
				"AFTER_EACH_UNDO U2__add_email.sql", "AFTER_UNDO");
	}

	private void writeTwoScripts() {
		ScriptFolder.write(this.folder, "V1__create_customer.sql", "CREATE TABLE customer (id INT, name TEXT);\n");
		ScriptFolder.write(this.folder, "V2__add_email.sql", "ALTER TABLE customer ADD COLUMN email TEXT;\n");
	}

	private void logCallback(String fileName, String event) {
		ScriptFolder.write(this.folder, fileName, LOG + "INSERT INTO callback_log (event) VALUES ('" + event + "');\n");
	}

	private static boolean holdsAdvisoryLock(CallbackContext context) throws SQLException {
		try (Statement statement = context.connection().createStatement();
				ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_locks"
						+ " WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted")) {
			result.next();
			return result.getLong(1) > 0;
		}
	}

	private Migrator migrator(Callback... callbacks) {
		return ScriptFolder.migrator(this.folder, this.database.dataSource(),
				(builder) -> builder.callbacks(List.of(callbacks)));
	}

	private List<String> log() throws SQLException {
		List<String> events = new ArrayList<>();
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT event FROM callback_log ORDER BY id")) {
			while (result.next()) {
				events.add(result.getString(1));
			}
		}
		return events;
	}

}
