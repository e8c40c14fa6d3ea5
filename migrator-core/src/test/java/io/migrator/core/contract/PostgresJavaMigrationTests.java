package io.migrator.core.contract;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.migrator.core.InfoResult;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationState;
import io.migrator.core.Migrator;
import io.migrator.core.Version;
import io.migrator.core.java.JavaMigration;
import io.migrator.core.java.JavaMigrationContext;
import io.migrator.core.testsupport.FreshPostgresDatabase;
import io.migrator.core.testsupport.ScriptFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Java migrations on PostgreSQL: in version order with the scripts, each in one
 * transaction with its ledger row.
 */
class PostgresJavaMigrationTests {

	@RegisterExtension
	final FreshPostgresDatabase database = new FreshPostgresDatabase();

	@TempDir
	Path folder;

	@Test
	void runsInVersionOrderWithTheScriptsAndIsListedByInfoWithItsChecksum() {
		ScriptFolder.write(this.folder, "V1__create_customer.sql", "CREATE TABLE customer (id INT, name TEXT);\n");
		ScriptFolder.write(this.folder, "V3__add_email.sql", "ALTER TABLE customer ADD COLUMN email TEXT;\n");

		MigrateResult result = migrator(new Backfill("2", false)).migrate();

		assertThat(result.applied()).extracting(MigrateResult.AppliedMigration::script)
			.containsExactly("V1__create_customer.sql", Backfill.class.getName(), "V3__add_email.sql");
		assertThat(this.database.queryForString("SELECT count(*) FROM customer")).isEqualTo("2");
		InfoResult info = migrator(new Backfill("2", false)).info();
		MigrationInfo java = info.find(Version.parse("2"));
		assertThat(java.state()).isEqualTo(MigrationState.APPLIED);
		assertThat(java.description()).isEqualTo("backfill customers");
		assertThat(java.checksum()).isEqualTo("backfill-v1");
		assertThat(this.database.queryForString("SELECT checksum FROM migrator_schema_history WHERE version = '2'"))
			.isEqualTo("backfill-v1");
	}

	@Test
	void aFailureRollsBackWhatItDidAndItsLedgerRow() {
		ScriptFolder.write(this.folder, "V1__create_customer.sql", "CREATE TABLE customer (id INT, name TEXT);\n");

		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator(new Backfill("2", true)).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SCRIPT_FAILED))
			.withMessageContaining("Java migration " + Backfill.class.getName() + " (version 2) failed")
			.withMessageContaining("nothing of it was applied");

		assertThat(this.database.queryForString("SELECT count(*) FROM customer")).isEqualTo("0");
		assertThat(this.database.queryForString("SELECT count(*) FROM migrator_schema_history")).isEqualTo("1");
		assertThat(migrator(new Backfill("2", false)).info().find(Version.parse("2")).state())
			.isEqualTo(MigrationState.PENDING);
	}

	@Test
	void anotherDeclaredChecksumMakesItModified() {
		ScriptFolder.write(this.folder, "V1__create_customer.sql", "CREATE TABLE customer (id INT, name TEXT);\n");
		migrator(new Backfill("2", false)).migrate();

		Backfill edited = new Backfill("2", false) {

			@Override
			public String checksum() {
				return "backfill-v2";
			}

		};

		assertThat(migrator(edited).info().find(Version.parse("2")).state()).isEqualTo(MigrationState.MODIFIED);
	}

	@Test
	void isUndoneWhenItCanUndo() {
		ScriptFolder.write(this.folder, "V1__create_customer.sql", "CREATE TABLE customer (id INT, name TEXT);\n");
		Backfill undoable = new Backfill("2", false) {

			@Override
			public boolean canUndo() {
				return true;
			}

			@Override
			public void undo(JavaMigrationContext context) throws SQLException {
				try (Statement statement = context.connection().createStatement()) {
					statement.execute("DELETE FROM customer");
				}
			}

		};
		migrator(undoable).migrate();

		MigrateResult undone = migrator(undoable).undo(Version.parse("1"));

		assertThat(undone.applied()).hasSize(1);
		assertThat(this.database.queryForString("SELECT count(*) FROM customer")).isEqualTo("0");
		assertThat(migrator(undoable).info().find(Version.parse("2")).state()).isEqualTo(MigrationState.PENDING);
	}

	@Test
	void withoutUndoTheUndoIsRefusedBeforeAnythingChanges() {
		ScriptFolder.write(this.folder, "V1__create_customer.sql", "CREATE TABLE customer (id INT, name TEXT);\n");
		migrator(new Backfill("2", false)).migrate();

		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator(new Backfill("2", false)).undo(Version.parse("1")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TARGET));
		assertThat(this.database.queryForString("SELECT count(*) FROM customer")).isEqualTo("2");
	}

	@Test
	void aVersionIsAScriptsOrAJavaMigrationsNeverBoth() {
		ScriptFolder.write(this.folder, "V2__backfill.sql", "SELECT 1;\n");

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator(new Backfill("2", false)).info())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_SCRIPTS))
			.withMessageContaining("Two migrations have version 2")
			.withMessageContaining("V2__backfill.sql and java:" + Backfill.class.getName());
	}

	private Migrator migrator(JavaMigration... migrations) {
		return ScriptFolder.migrator(this.folder, this.database.dataSource(),
				(builder) -> builder.javaMigrations(List.of(migrations)));
	}

	/**
	 * Inserts two customers; when told to, fails after the inserts.
	 */
	static class Backfill implements JavaMigration {

		private final Version version;

		private final boolean fail;

		Backfill(String version, boolean fail) {
			this.version = Version.parse(version);
			this.fail = fail;
		}

		@Override
		public Version version() {
			return this.version;
		}

		@Override
		public String description() {
			return "backfill customers";
		}

		@Override
		public String checksum() {
			return "backfill-v1";
		}

		@Override
		public void migrate(JavaMigrationContext context) throws SQLException {
			try (Statement statement = context.connection().createStatement()) {
				statement.execute("INSERT INTO customer VALUES (1, 'Ada'), (2, 'Grace')");
				if (this.fail) {
					statement.execute("INSERT INTO no_such_table VALUES (1)");
				}
			}
		}

	}

}
