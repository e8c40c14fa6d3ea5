package io.migrator.test;

import java.nio.file.Path;

import io.migrator.core.testsupport.PostgresTestDatabase;
import io.migrator.core.testsupport.ScriptFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rehearsal assertion on a real PostgreSQL server, in scratch databases of its own.
 */
class MigrationRehearsalTests {

	private static final PostgresTestDatabase.Server SERVER = PostgresTestDatabase.server();

	@TempDir
	Path scripts;

	@Test
	void undoScriptsThatRestoreTheSchemaPass() {
		ScriptFolder.write(this.scripts, "V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY);\n");
		ScriptFolder.write(this.scripts, "U1__orders.sql", "DROP TABLE orders;\n");

		assertThatCode(() -> MigrationRehearsal.assertUndoScriptsRestoreTheSchema(SERVER.urlFor("postgres"),
				SERVER.username(), SERVER.password(), "filesystem:" + this.scripts))
			.doesNotThrowAnyException();
	}

	@Test
	void anUndoThatLeavesSomethingBehindFailsWithTheSummary() {
		ScriptFolder.write(this.scripts, "V1__orders.sql",
				"CREATE TABLE orders (id bigint PRIMARY KEY);\n" + "CREATE SEQUENCE order_numbers;\n");
		ScriptFolder.write(this.scripts, "U1__orders.sql", "DROP TABLE orders;\n");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> MigrationRehearsal.assertUndoScriptsRestoreTheSchema(SERVER.urlFor("postgres"),
					SERVER.username(), SERVER.password(), "filesystem:" + this.scripts))
			.withMessageStartingWith("Rehearsal FAILED with 2 problem(s)")
			.withMessageContaining("U1__orders.sql leaves sequence public.order_numbers")
			.withMessageContaining(
					"FAILED applying again after its undo V1__orders.sql: Migration V1__orders.sql failed at line 2");
	}

	@Test
	void noScriptsAtAllIsAFailureNotAPass() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> MigrationRehearsal.assertUndoScriptsRestoreTheSchema(SERVER.urlFor("postgres"),
					SERVER.username(), SERVER.password(), "filesystem:" + this.scripts))
			.withMessageContaining("found no versioned scripts");
	}

}
