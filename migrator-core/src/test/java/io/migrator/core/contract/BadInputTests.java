package io.migrator.core.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import io.migrator.core.InfoResult;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationState;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.Version;
import io.migrator.core.testsupport.MigrationLockHolder;
import io.migrator.core.testsupport.PostgresTestDatabase;
import io.migrator.core.testsupport.ScriptFolder;
import io.migrator.core.testsupport.SyntaxErrorScript;
import io.migrator.core.testsupport.TestDatabase.DriverManagerDataSource;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Bad input on a real PostgreSQL, one case per test: each failure must say what happened
 * (the script, the line where known, the cause) and what to do, and nothing that was
 * there before may be lost: the schema, the data and the ledger are compared before and
 * after.
 * <p>
 * Every case starts from a database migrated to version 2 ({@code tally} created and
 * seeded), so there is something to lose. Cases where the process matters (exit codes,
 * the log, memory) are in the sample app's {@code BadInputIT}.
 */
class BadInputTests {

	private static final String SECRET = "Bad-Input-S3cret-" + UUID.randomUUID();

	@TempDir
	Path scripts;

	private PostgresTestDatabase database;

	private String before;

	@BeforeEach
	void migrateToVersionTwo() {
		this.database = PostgresTestDatabase.create();
		write("V1__tally.sql", "CREATE TABLE tally (version TEXT NOT NULL);\nINSERT INTO tally VALUES ('1');\n");
		write("V2__seed.sql", "INSERT INTO tally VALUES ('2');\n");
		migrator().migrate();
		this.before = snapshot();
	}

	@AfterEach
	void dropDatabase() {
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void twoScriptsWithTheSameVersionAreRejectedNamingBoth() {
		write("V3__first.sql", "INSERT INTO tally VALUES ('3a');");
		write("V3.0__second.sql", "INSERT INTO tally VALUES ('3b');");
		assertFailsWithNothingLost(Reason.INVALID_SCRIPTS).withMessageContaining("Two versioned scripts have version 3")
			.withMessageContaining("V3__first.sql")
			.withMessageContaining("V3.0__second.sql")
			.withMessageContaining("Give one of them another version");
	}

	@ParameterizedTest
	@ValueSource(strings = { "V3_one_underscore.sql", "v3__lower_case_prefix.sql", "V3.a__letters.sql", "V3__.sql",
			"R3__repeatable_with_version.sql" })
	void aScriptNameThatDoesNotParseIsRejectedWithTheExpectedForm(String name) {
		write(name, "INSERT INTO tally VALUES ('3');");
		assertFailsWithNothingLost(Reason.INVALID_SCRIPTS).withMessageContaining(name)
			.withMessageContaining("Name scripts like V1.2__add_email.sql");
	}

	@Test
	void anUndoScriptWithoutItsVersionedScriptIsRejected() {
		write("U7__orphan.sql", "DELETE FROM tally;");
		assertFailsWithNothingLost(Reason.INVALID_SCRIPTS).withMessageContaining("U7__orphan.sql undoes version 7")
			.withMessageContaining("rename it to match its versioned script or remove it");
	}

	@Test
	void aSyntaxErrorOnLine37IsReportedAsLine37AndNothingOfTheScriptRemains() {
		StringBuilder script = new StringBuilder("CREATE TABLE partial (id INT);\n");
		for (int line = 2; line <= 30; line++) {
			script.append("INSERT INTO tally VALUES ('3.").append(line).append("');\n");
		}
		write("V3__typo.sql", SyntaxErrorScript.onLine37(script.toString(), "typo"));
		assertFailsWithNothingLost(Reason.SCRIPT_FAILED).satisfies((ex) -> {
			assertThat(ex.line()).isEqualTo(37);
			assertThat(ex.script()).endsWith("V3__typo.sql");
		})
			.withMessageContaining("V3__typo.sql failed at line 37")
			.withMessageContaining("SQLSTATE 42601")
			.withMessageContaining("syntax error")
			.withMessageContaining("Nothing of it was applied")
			.withMessageContaining("Fix the script");
	}

	@Test
	void aScriptReferencingAMissingTableNamesTheScriptTheLineAndTheTable() {
		write("V3__missing.sql", "INSERT INTO tally VALUES ('3');\n\nUPDATE no_such_table SET x = 1;\n");
		assertFailsWithNothingLost(Reason.SCRIPT_FAILED).satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("42P01"))
			.withMessageContaining("V3__missing.sql failed at line 3")
			.withMessageContaining("relation \"no_such_table\" does not exist")
			.withMessageContaining("Nothing of it was applied");
	}

	@Test
	void anAppliedScriptThatWasEditedStopsMigrateAndSaysHowToRepair() {
		write("V2__seed.sql", "INSERT INTO tally VALUES ('two');\n");
		write("V3__next.sql", "INSERT INTO tally VALUES ('3');\n");
		assertFailsWithNothingLost(Reason.VALIDATION)
			.withMessageContaining("Version 2 (V2__seed.sql) was changed after it was applied")
			.withMessageContaining("Restore the applied content and put the change in a new version")
			.withMessageContaining("run repair");
		assertThat(migrator().info().find(Version.parse("2")).state()).isEqualTo(MigrationState.MODIFIED);
	}

	@Test
	void anAppliedScriptThatWasDeletedStopsMigrate() throws IOException {
		Files.delete(this.scripts.resolve("V2__seed.sql"));
		write("V3__next.sql", "INSERT INTO tally VALUES ('3');\n");
		assertFailsWithNothingLost(Reason.VALIDATION)
			.withMessageContaining("Version 2 (V2__seed.sql) is applied but the application no longer ships its script")
			.withMessageContaining("Restore the script");
	}

	@Test
	void aDatabaseAheadOfTheApplicationIsNotAFailureAndInfoSaysSo() throws IOException {
		write("V3__newer_release.sql", "INSERT INTO tally VALUES ('3');\n");
		migrator().migrate();
		String ahead = snapshot();
		// The previous release starts during a rolling update: it does not know version
		// 3.
		Files.delete(this.scripts.resolve("V3__newer_release.sql"));
		MigrateResult result = migrator().migrate();
		assertThat(result.applied()).isEmpty();
		assertThat(result.finalVersion()).isEqualTo(Version.parse("3"));
		InfoResult info = migrator().info();
		assertThat(info.find(Version.parse("3")).state()).isEqualTo(MigrationState.FUTURE);
		assertThat(info.isCurrent()).isTrue();
		assertThat(info.expectedVersion()).isEqualTo(Version.parse("2"));
		assertThat(migrator().validate().isValid()).isTrue();
		assertThat(snapshot()).isEqualTo(ahead);
	}

	@Test
	void undoWithoutAnUndoScriptChangesNothing() {
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().undo(Version.parse("1")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TARGET))
			.withMessageContaining("version 2 has no undo script (U2__*.sql)")
			.withMessageContaining("Nothing was changed")
			.withMessageContaining("Add the undo scripts");
		assertThat(snapshot()).isEqualTo(this.before);
	}

	@Test
	void anUnknownMigrateTargetChangesNothing() {
		write("V3__next.sql", "INSERT INTO tally VALUES ('3');\n");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate(Version.parse("7")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TARGET))
			.withMessageContaining("Target version 7 is not the version of any script (migrator.target)")
			.withMessageContaining("the latest script is version 3");
		assertThat(snapshot()).isEqualTo(this.before);
	}

	@Test
	void anUnknownUndoTargetChangesNothing() {
		write("U2__seed.sql", "DELETE FROM tally WHERE version = '2';\n");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().undo(Version.parse("1.5")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TARGET))
			.withMessageContaining("Undo target 1.5 is not a version of any script (migrator.target)")
			.withMessageContaining("0 to undo everything");
		assertThat(snapshot()).isEqualTo(this.before);
	}

	@Test
	void aNonexistentRoleIsNamedAndThePasswordIsNot() {
		DataSource wrongUser = new DriverManagerDataSource(this.database.url(), "no_such_role_" + suffix(), SECRET);
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator((builder) -> builder.dataSource(wrongUser)).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONNECTION))
			.satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("28000"))
			.withMessageContaining("Cannot connect to the database to migrate")
			.withMessageContaining("role \"no_such_role_")
			.withMessageContaining("does not exist")
			.withMessageContaining("the migration user and password (migrator.datasource.* or spring.datasource.*)")
			.withMessageNotContaining(SECRET)
			.satisfies((ex) -> assertThat(stackTraceOf(ex)).doesNotContain(SECRET));
		assertThat(snapshot()).isEqualTo(this.before);
	}

	@Test
	void aRoleThatMayNotLogInIsNamedAndThePasswordIsNot() {
		String role = "nologin_" + suffix();
		this.database.host().admin("CREATE ROLE " + role + " NOLOGIN PASSWORD '" + SECRET + "'");
		try {
			DataSource refused = new DriverManagerDataSource(this.database.url(), role, SECRET);
			long started = System.nanoTime();
			assertThatExceptionOfType(MigrationException.class)
				.isThrownBy(() -> migrator((builder) -> builder.dataSource(refused)).migrate())
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONNECTION))
				.withMessageContaining("role \"" + role + "\" is not permitted to log in")
				.withMessageNotContaining(SECRET)
				.satisfies((ex) -> assertThat(stackTraceOf(ex)).doesNotContain(SECRET));
			// A refused login is not a database that is starting: it is not retried for
			// the connect timeout.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			this.database.host().admin("DROP ROLE IF EXISTS " + role);
		}
		assertThat(snapshot()).isEqualTo(this.before);
	}

	@Test
	void anUnknownHostIsNamed() {
		DataSource nowhere = new DriverManagerDataSource("jdbc:postgresql://no-such-host.invalid:5432/app", "app",
				SECRET);
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(
					() -> migrator((builder) -> builder.dataSource(nowhere).connectTimeout(Duration.ZERO)).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONNECTION))
			.withMessageContaining("UnknownHostException no-such-host.invalid")
			.withMessageContaining("Check that it is running and reachable from here")
			.withMessageNotContaining(SECRET);
	}

	@Test
	void aLockHeldTooLongNamesTheHolderAndChangesNothing() throws SQLException {
		write("V3__next.sql", "INSERT INTO tally VALUES ('3');\n");
		try (Connection holder = this.database.dataSource().getConnection()) {
			int pid = MigrationLockHolder.hold(holder);
			assertFailsWithNothingLost(Reason.LOCK_TIMEOUT,
					(builder) -> builder.lockWaitTimeout(Duration.ofMillis(500)))
				.withMessageContaining("Timed out after")
				.withMessageContaining("waiting for the migration lock on \"public\".\"migrator_schema_history\"")
				.withMessageContaining("held by pid " + pid)
				.withMessageContaining("raise migrator.lock.wait-timeout")
				.withMessageContaining("pg_terminate_backend(pid)");
		}
	}

	@Test
	void aStatementTimeoutRollsTheWholeScriptBack() {
		write("V3__slow.sql", "INSERT INTO tally VALUES ('3');\nSELECT pg_sleep(5);\n");
		assertFailsWithNothingLost(Reason.SCRIPT_FAILED, (builder) -> builder.statementTimeout(Duration.ofMillis(300)))
			.satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("57014"))
			.withMessageContaining("V3__slow.sql failed at line 2")
			.withMessageContaining("canceling statement due to statement timeout")
			.withMessageContaining("Nothing of it was applied");
	}

	@Test
	void aLockTimeoutWithItsRetriesUsedUpRollsBackAndSaysWhatToLookFor() throws SQLException {
		write("V3__alter.sql", "INSERT INTO tally VALUES ('3');\nALTER TABLE tally ADD COLUMN note TEXT;\n");
		try (Connection blocker = this.database.dataSource().getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				statement.execute("LOCK TABLE tally IN ACCESS SHARE MODE");
			}
			assertFailsWithNothingLost(Reason.SCRIPT_FAILED,
					(builder) -> builder.lockTimeout(Duration.ofMillis(100)).lockRetries(1))
				.satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("55P03"))
				.withMessageContaining("V3__alter.sql failed at line 2")
				.withMessageContaining("2 time(s)")
				.withMessageContaining("Find the long transaction (pg_stat_activity)")
				.withMessageContaining("migrator.postgresql.lock-timeout");
			blocker.rollback();
		}
	}

	@Test
	void invalidUtf8IsReportedWithItsLine() throws IOException {
		Files.write(this.scripts.resolve("V3__latin1.sql"),
				"-- first\n-- second\nINSERT INTO tally VALUES ('caf\u00e9');\n".getBytes(StandardCharsets.ISO_8859_1));
		assertFailsWithNothingLost(Reason.INVALID_SCRIPTS).satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
			.withMessageContaining("V3__latin1.sql is not valid UTF-8 (line 3)")
			.withMessageContaining("save the file as UTF-8");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\\i other.sql", "\\copy tally FROM 'tally.csv' CSV", "\\set ON_ERROR_STOP on",
			"\\c other_database" })
	void psqlMetaCommandsAreNotSupported(String metaCommand) {
		write("V3__psql.sql", "INSERT INTO tally VALUES ('3');\n" + metaCommand + "\n");
		String command = metaCommand.split(" ")[0];
		assertFailsWithNothingLost(Reason.INVALID_SCRIPTS).satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
			.withMessageContaining("V3__psql.sql line 2")
			.withMessageContaining("psql meta-command '" + command + "' is not supported")
			.withMessageContaining("it is not psql");
	}

	@Test
	void copyFromStdinIsNotSupported() {
		write("V3__copy.sql", "INSERT INTO tally VALUES ('3');\nCOPY tally (version) FROM STDIN;\n");
		assertFailsWithNothingLost(Reason.INVALID_SCRIPTS).withMessageContaining("V3__copy.sql line 2")
			.withMessageContaining("COPY ... FROM STDIN")
			.withMessageContaining("use INSERT statements or COPY FROM a file on the database server");
	}

	@Test
	void anUnterminatedDollarQuoteNamesTheLineWhereItOpened() {
		write("V3__function.sql", "INSERT INTO tally VALUES ('3');\n\nCREATE FUNCTION f() RETURNS INT AS $body$\n"
				+ "  SELECT 1;\n$bdy$ LANGUAGE sql;\n");
		assertFailsWithNothingLost(Reason.INVALID_SCRIPTS).satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
			.withMessageContaining("V3__function.sql line 3")
			.withMessageContaining("unterminated dollar-quoted string $body$ opened on line 3")
			.withMessageContaining("add the closing $body$");
	}

	@Test
	void anUnknownDirectiveIsRejectedWithItsLine() {
		write("V3__directive.sql", "-- Adds three\n-- migrator:transactional=false\nINSERT INTO tally VALUES ('3');\n");
		assertFailsWithNothingLost(Reason.INVALID_SCRIPTS).satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
			.withMessageContaining("V3__directive.sql")
			.withMessageContaining("unknown directive 'transactional'")
			.withMessageContaining("the directives are transaction, lock-timeout, statement-timeout, placeholders");
	}

	@Test
	void aTransactionDirectiveThatContradictsConcurrentlyIsRejected() {
		write("V3__index.sql", "-- migrator:transaction=true\nINSERT INTO tally VALUES ('3');\n"
				+ "CREATE INDEX CONCURRENTLY tally_version_idx ON tally (version);\n");
		assertFailsWithNothingLost(Reason.INVALID_SCRIPTS).satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
			.withMessageContaining("V3__index.sql line 3")
			.withMessageContaining("cannot run inside a transaction, but the script says -- migrator:transaction=true")
			.withMessageContaining("Remove the directive, or move the statement to a script of its own");
	}

	@Test
	void aScriptThatLeavesItsOwnTransactionOpenIsRolledBackAndRecordedAsFailed() {
		write("V3__open.sql", "BEGIN;\nINSERT INTO tally VALUES ('3');\n");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SCRIPT_FAILED))
			.withMessageContaining("V3__open.sql failed")
			.withMessageContaining("opens a transaction (BEGIN) that it never commits")
			.withMessageContaining("End it with COMMIT");
		assertThat(tally().lines()).containsExactly("1", "2");
		// The ledger is append-only: the attempt is recorded, and blocks the next run
		// until repair.
		assertThat(query("SELECT version, type, status FROM migrator_schema_history ORDER BY id").lines())
			.containsExactly("1 VERSIONED SUCCESS", "2 VERSIONED SUCCESS", "3 VERSIONED STARTED", "3 VERSIONED FAILED");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageContaining("Version 3 (V3__open.sql) failed part-way")
			.withMessageContaining("run repair");
	}

	@Test
	void anOutOfOrderVersionIsRefusedWithBothWaysOut() {
		write("V1.5__late.sql", "INSERT INTO tally VALUES ('1.5');\n");
		assertFailsWithNothingLost(Reason.VALIDATION)
			.withMessageContaining("Version 1.5 (V1.5__late.sql) is pending, but version 2 is already applied")
			.withMessageContaining("Give it a version above 2")
			.withMessageContaining("migrator.out-of-order=true");
	}

	@Test
	void aLocationThatDoesNotExistIsAConfigurationError() {
		Path missing = this.scripts.resolve("no-such-dir");
		assertFailsWithNothingLost(Reason.CONFIGURATION,
				(builder) -> builder.locations("filesystem:" + this.scripts, "filesystem:" + missing))
			.withMessageContaining("Migration location 'filesystem:" + missing + "' is not a directory")
			.withMessageContaining("create it or correct the path");
	}

	@Test
	void aBaselineOnAMigratedDatabaseIsRefused() {
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().baseline(Version.parse("5")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TARGET))
			.withMessageContaining("its history is not empty (schema version 2)")
			.withMessageContaining("adopts a database that migrator has never migrated");
		assertThat(snapshot()).isEqualTo(this.before);
	}

	@Test
	void aLedgerRowWithAStatusMigratorNeverWritesIsReportedWithItsId() {
		execute("UPDATE migrator_schema_history SET status = 'GARBAGE' WHERE id = 2");
		this.before = snapshot();
		write("V3__next.sql", "INSERT INTO tally VALUES ('3');\n");
		assertFailsWithNothingLost(Reason.DATABASE)
			.withMessageContaining("Row id 2 of the history table \"public\".\"migrator_schema_history\"")
			.withMessageContaining("status is 'GARBAGE', not one of [STARTED, SUCCESS, FAILED, REPAIRED, CLEARED]")
			.withMessageContaining("changed by hand")
			.withMessageContaining("Restore the row");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().info())
			.withMessageContaining("Row id 2");
	}

	@Test
	void aLedgerRowWithAnUnknownTypeOrVersionIsReportedWithItsId() {
		execute("UPDATE migrator_schema_history SET type = 'SIDEWAYS' WHERE id = 1");
		this.before = snapshot();
		assertFailsWithNothingLost(Reason.DATABASE).withMessageContaining("Row id 1 of the history table")
			.withMessageContaining("type is 'SIDEWAYS', not one of [VERSIONED, UNDO, REPEATABLE, BASELINE]");
		execute("UPDATE migrator_schema_history SET type = 'VERSIONED', version = 'two' WHERE id = 1");
		this.before = snapshot();
		assertFailsWithNothingLost(Reason.DATABASE).withMessageContaining("Row id 1 of the history table")
			.withMessageContaining("'two' is not a version");
		execute("ALTER TABLE migrator_schema_history ALTER COLUMN installed_on DROP NOT NULL");
		execute("UPDATE migrator_schema_history SET version = '1', installed_on = NULL WHERE id = 1");
		this.before = snapshot();
		assertFailsWithNothingLost(Reason.DATABASE).withMessageContaining("Row id 1 of the history table")
			.withMessageContaining("installed_on is NULL");
	}

	@Test
	void aLedgerColumnDroppedByHandIsReported() {
		execute("ALTER TABLE migrator_schema_history DROP COLUMN checksum");
		this.before = snapshot();
		assertFailsWithNothingLost(Reason.DATABASE)
			.withMessageContaining(
					"The history table \"public\".\"migrator_schema_history\" is not as migrator created it")
			.withMessageContaining("it has no column checksum")
			.withMessageContaining("Restore it from a backup, or put the missing column back");
	}

	@Test
	void aUserWhoMayNotReadTheLedgerIsToldWhichGrantIsMissing() {
		String role = "reader_" + suffix();
		this.database.host().admin("CREATE ROLE " + role + " LOGIN");
		try {
			DataSource asRole = new DriverManagerDataSource(this.database.url(), role, "");
			assertThatExceptionOfType(MigrationException.class)
				.isThrownBy(() -> migrator((builder) -> builder.dataSource(asRole)).info())
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.DATABASE))
				.withMessageContaining("The database user '" + role + "' may not read the history table"
						+ " \"public\".\"migrator_schema_history\"")
				.withMessageContaining("permission denied")
				.withMessageContaining("GRANT SELECT ON \"public\".\"migrator_schema_history\" TO " + role);
		}
		finally {
			this.database.host().admin("DROP ROLE IF EXISTS " + role);
		}
		assertThat(snapshot()).isEqualTo(this.before);
	}

	private ThrowableAssertAlternative<MigrationException> assertFailsWithNothingLost(Reason reason) {
		return assertFailsWithNothingLost(reason, UnaryOperator.identity());
	}

	/**
	 * Run migrate, expect it to fail for the reason, and compare the database with the
	 * snapshot taken before.
	 */
	private ThrowableAssertAlternative<MigrationException> assertFailsWithNothingLost(Reason reason,
			UnaryOperator<MigratorConfig.Builder> customizer) {
		ThrowableAssertAlternative<MigrationException> failure = assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator(customizer).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).as(ex.getMessage()).isEqualTo(reason));
		assertThat(snapshot()).as("schema, data and ledger after the failure").isEqualTo(this.before);
		return failure;
	}

	private Migrator migrator() {
		return migrator(UnaryOperator.identity());
	}

	private Migrator migrator(UnaryOperator<MigratorConfig.Builder> customizer) {
		return ScriptFolder.migrator(this.scripts, this.database.dataSource(), customizer);
	}

	private void write(String name, String content) {
		ScriptFolder.write(this.scripts, name, content);
	}

	/**
	 * Everything a failed run could have changed: the public schema's tables, columns,
	 * indexes and views, the tally, and every ledger column but the time it took.
	 */
	private String snapshot() {
		return query("""
				SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
				FROM information_schema.columns WHERE table_schema = 'public'
				UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
				UNION ALL SELECT 'view ' || viewname FROM pg_views WHERE schemaname = 'public'
				UNION ALL SELECT 'function ' || proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace
				ORDER BY 1
				""") + "\n" + tally() + "\n" + ledger();
	}

	private String tally() {
		return query("SELECT version FROM tally ORDER BY version");
	}

	private String ledger() {
		try {
			return query("SELECT * FROM migrator_schema_history ORDER BY 1");
		}
		catch (IllegalStateException ex) {
			return "no readable ledger: " + ex.getMessage();
		}
	}

	private String query(String sql) {
		StringBuilder text = new StringBuilder();
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				for (int i = 1; i <= columns; i++) {
					// The ledger's execution_time may differ between equal runs;
					// everything else must not.
					if (!"execution_time".equals(result.getMetaData().getColumnName(i))) {
						text.append(result.getString(i)).append(' ');
					}
				}
				text.setLength(text.length() - 1);
				text.append('\n');
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex.getMessage(), ex);
		}
		return text.toString().strip();
	}

	private void execute(String sql) {
		this.database.execute(sql);
	}

	private static String suffix() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
	}

	private static String stackTraceOf(Throwable ex) {
		java.io.StringWriter text = new java.io.StringWriter();
		ex.printStackTrace(new java.io.PrintWriter(text));
		return text.toString();
	}

}
