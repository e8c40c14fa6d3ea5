package io.migrator.core.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import io.migrator.core.DryRun;
import io.migrator.core.InfoResult;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationListener;
import io.migrator.core.MigrationState;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.RepairResult;
import io.migrator.core.ValidateResult;
import io.migrator.core.Version;
import io.migrator.core.internal.script.DefaultScriptScanner;
import io.migrator.core.resolve.ScriptFingerprint;
import io.migrator.core.resolve.ScriptResource;
import io.migrator.core.resolve.ScriptScanner;
import io.migrator.core.testsupport.ScriptFolder;
import io.migrator.core.testsupport.TestDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The engine's behaviour on a real database. Each database gets a thin subclass; each
 * test works in a database of its own that it creates and drops.
 */
public abstract class MigratorContractTests {

	@TempDir
	protected Path scripts;

	protected TestDatabase database;

	/**
	 * Create a fresh, empty database.
	 * @return the database
	 */
	protected abstract TestDatabase createDatabase();

	/**
	 * A statement that keeps the database busy for a while.
	 * @param millis how long
	 * @return the statement
	 */
	protected abstract String sleepSql(int millis);

	/**
	 * A statement that runs for a long time and honours the statement timeout.
	 * @return the statement
	 */
	protected abstract String longRunningSql();

	/**
	 * Quote an identifier as the database does.
	 * @param identifier the identifier
	 * @return it quoted
	 */
	protected String quote(String identifier) {
		return "\"" + identifier + "\"";
	}

	/**
	 * A schema other than the current one, for a history table of its own; dropped with
	 * the test's database.
	 * @return its name
	 */
	protected String otherSchema() {
		return "migrations";
	}

	/**
	 * Whether the database commits DDL implicitly (MySQL, MariaDB), so that a script with
	 * DDL runs as a non-transactional one and writes a STARTED row before its SUCCESS.
	 * @return whether DDL commits implicitly
	 */
	protected boolean ddlCommitsImplicitly() {
		return false;
	}

	/**
	 * The ledger a test expects, in {@link #ledger()}'s form, where {@code "v:DDL"}
	 * stands for a script with DDL that succeeded: {@code "v:SUCCESS"} where it runs in
	 * one transaction, {@code "v:STARTED", "v:SUCCESS"} where DDL commits implicitly. It
	 * is the one place the suite's ledger expectations differ by database.
	 * @param rows the rows
	 * @return the rows on this database
	 */
	protected String[] expectedLedger(String... rows) {
		List<String> expected = new ArrayList<>();
		for (String row : rows) {
			if (row.endsWith(":DDL")) {
				String version = row.substring(0, row.length() - ":DDL".length());
				if (ddlCommitsImplicitly()) {
					expected.add(version + ":STARTED");
				}
				expected.add(version + ":SUCCESS");
			}
			else {
				expected.add(row);
			}
		}
		return expected.toArray(String[]::new);
	}

	/**
	 * The SQLSTATE of a duplicate key.
	 * @return PostgreSQL's and H2's {@code 23505} unless the database says otherwise
	 */
	protected String uniqueViolation() {
		return "23505";
	}

	/**
	 * The SQLSTATE, or its start, of a violated CHECK constraint.
	 * @return {@code 235} (PostgreSQL's 23514, H2's 23513) unless the database says
	 * otherwise
	 */
	protected String checkViolation() {
		return "235";
	}

	@BeforeEach
	void createTestDatabase() {
		this.database = createDatabase();
	}

	@AfterEach
	void dropTestDatabase() {
		if (this.database != null) {
			this.database.close();
		}
	}

	protected void write(String name, String content) {
		ScriptFolder.write(this.scripts, name, content);
	}

	protected Migrator migrator() {
		return migrator(UnaryOperator.identity());
	}

	protected Migrator migrator(UnaryOperator<MigratorConfig.Builder> customizer) {
		return ScriptFolder.migrator(this.scripts, this.database.dataSource(), customizer);
	}

	protected Object queryValue(String sql) {
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			return result.next() ? result.getObject(1) : null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected long count(String sql) {
		return ((Number) queryValue(sql)).longValue();
	}

	protected void execute(String sql) {
		this.database.execute(sql);
	}

	protected boolean tableExists(String table) {
		// H2 folds unquoted names to upper case, PostgreSQL to lower case.
		try (Connection connection = this.database.dataSource().getConnection();
				ResultSet tables = connection.getMetaData().getTables(null, null, null, null)) {
			while (tables.next()) {
				if (tables.getString("TABLE_NAME").equalsIgnoreCase(table)) {
					return true;
				}
			}
			return false;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The ledger as {@code version:status} strings in order.
	 * @return the ledger
	 */
	protected List<String> ledger() {
		List<String> rows = new ArrayList<>();
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT version, description, status FROM "
						+ quote("migrator_schema_history") + " ORDER BY id")) {
			while (result.next()) {
				String version = result.getString(1);
				rows.add(((version != null) ? version : "R " + result.getString(2)) + ":" + result.getString(3));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return rows;
	}

	@Test
	void appliesVersionsInNumericOrderAndRecordsEach() {
		write("V10__ten.sql", "INSERT INTO seen (v) VALUES ('10');");
		write("V2__two.sql", "INSERT INTO seen (v) VALUES ('2');");
		write("V1__create.sql", "CREATE TABLE seen (n SERIAL, v VARCHAR(10));");
		write("V1.1__one_one.sql", "INSERT INTO seen (v) VALUES ('1.1');");
		MigrateResult result = migrator().migrate();
		assertThat(result.applied()).extracting((m) -> m.version().toString()).containsExactly("1", "1.1", "2", "10");
		assertThat(result.initialVersion()).isEqualTo(Version.ZERO);
		assertThat(result.finalVersion()).isEqualTo(Version.parse("10"));
		assertThat(ledger()).containsExactly(expectedLedger("1:DDL", "1.1:SUCCESS", "2:SUCCESS", "10:SUCCESS"));
		assertThat(queryValue("SELECT v FROM seen ORDER BY n DESC LIMIT 1")).isEqualTo("10");
	}

	@Test
	void secondRunIsANoOp() {
		write("V1__create.sql", "CREATE TABLE once (id INT);\nINSERT INTO once VALUES (1);");
		migrator().migrate();
		MigrateResult again = migrator().migrate();
		assertThat(again.applied()).isEmpty();
		assertThat(again.finalVersion()).isEqualTo(Version.parse("1"));
		assertThat(count("SELECT count(*) FROM once")).isEqualTo(1);
		assertThat(ledger()).containsExactly(expectedLedger("1:DDL"));
	}

	@Test
	void appliesOnlyNewScriptsOnTheNextRun() {
		write("V1__create.sql", "CREATE TABLE grow (id INT);");
		migrator().migrate();
		write("V2__insert.sql", "INSERT INTO grow VALUES (2);");
		MigrateResult result = migrator().migrate();
		assertThat(result.initialVersion()).isEqualTo(Version.parse("1"));
		assertThat(result.applied()).hasSize(1);
		assertThat(count("SELECT count(*) FROM grow")).isEqualTo(1);
	}

	@Test
	void stopsAtTheTargetVersion() {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		write("V2__b.sql", "CREATE TABLE b (id INT);");
		write("V3__c.sql", "CREATE TABLE c (id INT);");
		MigrateResult result = migrator().migrate(Version.parse("2"));
		assertThat(result.finalVersion()).isEqualTo(Version.parse("2"));
		assertThat(tableExists("c")).isFalse();
		assertThat(migrator().info().pendingCount()).isEqualTo(1);
	}

	@Test
	void rejectsAnUnknownTarget() {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate(Version.parse("7")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TARGET))
			.withMessageContaining("Target version 7");
		assertThat(tableExists("a")).isFalse();
	}

	@Test
	void detectsAScriptChangedAfterItWasApplied() {
		write("V1__create.sql", "CREATE TABLE changed (id INT);");
		migrator().migrate();
		write("V1__create.sql", "CREATE TABLE changed (id BIGINT);");
		write("V2__next.sql", "CREATE TABLE next_one (id INT);");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageContaining("V1__create.sql")
			.withMessageContaining("changed after it was applied")
			.withMessageContaining("repair");
		assertThat(tableExists("next_one")).isFalse();
		ValidateResult validation = migrator().validate();
		assertThat(validation.isValid()).isFalse();
		assertThat(validation.info().find(Version.parse("1")).state()).isEqualTo(MigrationState.MODIFIED);
	}

	@Test
	void lineEndingsAndByteOrderMarkDoNotChangeTheChecksum() throws IOException {
		write("V1__create.sql", "CREATE TABLE endings (id INT);\nINSERT INTO endings VALUES (1);\n");
		migrator().migrate();
		Files.write(this.scripts.resolve("V1__create.sql"),
				("\uFEFFCREATE TABLE endings (id INT);\r\n" + "INSERT INTO endings VALUES (1);\r\n")
					.getBytes(StandardCharsets.UTF_8));
		assertThat(migrator().migrate().applied()).isEmpty();
		assertThat(migrator().validate().isValid()).isTrue();
	}

	@Test
	void aFailingTransactionalScriptLeavesDataAndHistoryAsTheyWere() {
		write("V1__create.sql", "CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(20));");
		write("V2__fill.sql", "INSERT INTO accounts VALUES (1, 'one');\n" + "INSERT INTO accounts VALUES (2, 'two');\n"
				+ "\n" + "INSERT INTO accounts VALUES (1, 'duplicate');\n");
		write("V3__after.sql", "INSERT INTO accounts VALUES (3, 'three');");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate()).satisfies((ex) -> {
			assertThat(ex.reason()).isEqualTo(Reason.SCRIPT_FAILED);
			assertThat(ex.line()).isEqualTo(4);
			assertThat(ex.sqlState()).isEqualTo(uniqueViolation());
			assertThat(ex.script()).endsWith("V2__fill.sql");
		})
			.withMessageContaining("V2__fill.sql failed at line 4")
			.withMessageContaining("SQLSTATE " + uniqueViolation());
		assertThat(count("SELECT count(*) FROM accounts")).isZero();
		assertThat(ledger()).containsExactly(expectedLedger("1:DDL"));
		write("V2__fill.sql", "INSERT INTO accounts VALUES (1, 'one');\nINSERT INTO accounts VALUES (2, 'two');\n");
		assertThat(migrator().migrate().applied()).hasSize(2);
		assertThat(count("SELECT count(*) FROM accounts")).isEqualTo(3);
	}

	@Test
	void aHistoryRowThatCannotBeWrittenIsReportedAsSuch() {
		write("V1__create.sql", "CREATE TABLE kept (id INT);");
		migrator().migrate();
		write("V2__blocks_ledger.sql",
				"INSERT INTO kept VALUES (1);\n" + "ALTER TABLE " + quote("migrator_schema_history")
						+ " ADD CONSTRAINT only_one CHECK (status <> 'SUCCESS' OR id < "
						+ (expectedLedger("1:DDL").length + 1) + ");\n");
		boolean postgres = this.database.kind().equals("postgresql");
		// Where DDL commits implicitly the script runs without a transaction: all of it
		// ran, and its STARTED row stays.
		String outcome = postgres ? "Nothing of it was applied"
				: ddlCommitsImplicitly() ? "all of its statements ran" : "commits DDL at once";
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate()).satisfies((ex) -> {
			assertThat(ex.reason()).isEqualTo(Reason.DATABASE);
			assertThat(ex.sqlState()).startsWith(checkViolation());
		})
			.withMessageContaining("Cannot record V2__blocks_ledger.sql in the history table")
			.withMessageContaining(outcome);
		assertThat(ledger())
			.containsExactly(ddlCommitsImplicitly() ? expectedLedger("1:DDL", "2:STARTED") : expectedLedger("1:DDL"));
		if (postgres) {
			assertThat(count("SELECT count(*) FROM kept")).isZero();
		}
	}

	@Test
	void aNonTransactionalFailureRecordsTheFailureAndBlocksTheNextRun() {
		write("V1__create.sql", "CREATE TABLE steps (id INT PRIMARY KEY);");
		write("V2__steps.sql", "-- migrator:transaction=false\n" + "INSERT INTO steps VALUES (1);\n"
				+ "INSERT INTO steps VALUES (1);\n");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
			.withMessageContaining("not transactional")
			.withMessageContaining("repair");
		assertThat(count("SELECT count(*) FROM steps")).isEqualTo(1);
		assertThat(ledger()).containsExactly(expectedLedger("1:DDL", "2:STARTED", "2:FAILED"));
		assertThat(migrator().info().find(Version.parse("2")).state()).isEqualTo(MigrationState.FAILED);
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageContaining("Version 2 (V2__steps.sql) failed part-way")
			.withMessageContaining("run repair");
	}

	@Test
	void emptyAndCommentOnlyScriptsAreValidNoOps() {
		write("V1__empty.sql", "");
		write("V2__comments.sql", "-- nothing to do here\n/* really nothing */\n");
		write("U2__comments.sql", "");
		MigrateResult result = migrator().migrate();
		assertThat(result.applied()).hasSize(2);
		assertThat(result.finalVersion()).isEqualTo(Version.parse("2"));
		assertThat(ledger()).containsExactly("1:SUCCESS", "2:SUCCESS");
	}

	@Test
	void repeatableScriptsRunAfterVersionedOnesAndAgainWhenChanged() {
		write("R__view.sql", "CREATE OR REPLACE VIEW people_view AS SELECT name FROM people;");
		write("V1__people.sql", "CREATE TABLE people (name VARCHAR(20));");
		migrator().migrate();
		assertThat(ledger()).containsExactly(expectedLedger("1:DDL", "R view:DDL"));
		assertThat(migrator().migrate().applied()).isEmpty();
		write("R__view.sql", "CREATE OR REPLACE VIEW people_view AS SELECT name, 1 AS one FROM people;");
		assertThat(migrator().migrate().applied()).hasSize(1);
		assertThat(ledger()).containsExactly(expectedLedger("1:DDL", "R view:DDL", "R view:DDL"));
	}

	@Test
	void invalidScriptsStopTheRunBeforeAnythingIsApplied() throws IOException {
		write("V1__ok.sql", "CREATE TABLE ok_table (id INT);");
		Files.write(this.scripts.resolve("V2__latin1.sql"),
				"INSERT INTO ok_table VALUES (1); -- caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_SCRIPTS))
			.withMessageContaining("V2__latin1.sql")
			.withMessageContaining("UTF-8");
		assertThat(tableExists("ok_table")).isFalse();
	}

	@Test
	void aBadScriptNameStopsTheRunAndNamesTheFile() {
		write("V1__ok.sql", "CREATE TABLE ok_table (id INT);");
		write("V2_missing_separator.sql", "SELECT 1;");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_SCRIPTS))
			.withMessageContaining("V2_missing_separator.sql")
			.withMessageContaining("'__'");
		assertThat(tableExists("ok_table")).isFalse();
	}

	@Test
	void infoDescribesAppliedPendingAndFutureVersions() {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		write("V2__b.sql", "CREATE TABLE b (id INT);");
		migrator().migrate();
		write("V3__c.sql", "CREATE TABLE c (id INT);");
		InfoResult info = migrator().info();
		assertThat(info.schemaVersion()).isEqualTo(Version.parse("2"));
		assertThat(info.expectedVersion()).isEqualTo(Version.parse("3"));
		assertThat(info.isCurrent()).isFalse();
		assertThat(info.find(Version.parse("3")).state()).isEqualTo(MigrationState.PENDING);
		assertThat(info.find(Version.parse("1")).installedBy()).isNotBlank();
		// An older release of the application, which does not know version 2 and 3 yet.
		this.scripts.resolve("V2__b.sql").toFile().delete();
		this.scripts.resolve("V3__c.sql").toFile().delete();
		write("V0.5__older.sql", "SELECT 1;");
		InfoResult older = migrator().info();
		assertThat(older.find(Version.parse("2")).state()).isEqualTo(MigrationState.FUTURE);
		assertThat(older.isCurrent()).isTrue();
		assertThat(older.find(Version.parse("0.5")).state()).isEqualTo(MigrationState.OUT_OF_ORDER);
	}

	@Test
	void infoOnAFreshDatabaseDoesNotCreateTheHistoryTable() {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		InfoResult info = migrator().info();
		assertThat(info.historyExists()).isFalse();
		assertThat(info.pendingCount()).isEqualTo(1);
		assertThat(tableExists("migrator_schema_history")).isFalse();
	}

	@Test
	void aDeletedAppliedScriptBlocksMigrate() {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		write("V2__b.sql", "CREATE TABLE b (id INT);");
		migrator().migrate();
		this.scripts.resolve("V1__a.sql").toFile().delete();
		write("V3__c.sql", "CREATE TABLE c (id INT);");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("Version 1 (V1__a.sql) is applied but the application no longer ships its script");
	}

	@Test
	void aLedgerChangedByHandIsReportedInsteadOfFailingDeepInside() {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		migrator().migrate();
		execute("UPDATE " + quote("migrator_schema_history") + " SET status = 'DONE'");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().info())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.DATABASE))
			.withMessageContaining("Row id 1 of the history table")
			.withMessageContaining("status is 'DONE', not one of [STARTED, SUCCESS, FAILED, REPAIRED, CLEARED]");
		execute("ALTER TABLE " + quote("migrator_schema_history") + " DROP COLUMN checksum");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.DATABASE))
			.withMessageContaining("is not as migrator created it")
			.withMessageContaining("put the missing column back");
	}

	@Test
	void usesAConfiguredHistoryTableAndSchema() {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		String schema = otherSchema();
		migrator((builder) -> builder.schema(schema).table("my_history")).migrate();
		assertThat(count("SELECT count(*) FROM " + quote(schema) + "." + quote("my_history")))
			.isEqualTo(expectedLedger("1:DDL").length);
		assertThat(migrator((builder) -> builder.schema(schema).table("my_history")).info().isCurrent()).isTrue();
	}

	@Test
	void twoMigratorsRacingApplyEveryVersionOnce() throws Exception {
		write("V1__create.sql", "CREATE TABLE race (v INT PRIMARY KEY);");
		for (int i = 2; i <= 6; i++) {
			write("V" + i + "__step.sql", sleepSql(100) + ";\nINSERT INTO race VALUES (" + i + ");");
		}
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<MigrateResult>> runs = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			runs.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return migrator().migrate();
			}));
		}
		start.countDown();
		int applied = 0;
		for (CompletableFuture<MigrateResult> run : runs) {
			MigrateResult result = run.get(60, TimeUnit.SECONDS);
			assertThat(result.finalVersion()).isEqualTo(Version.parse("6"));
			applied += result.applied().size();
		}
		assertThat(applied).isEqualTo(6);
		assertThat(count("SELECT count(*) FROM race")).isEqualTo(5);
		assertThat(ledger())
			.containsExactly(expectedLedger("1:DDL", "2:SUCCESS", "3:SUCCESS", "4:SUCCESS", "5:SUCCESS", "6:SUCCESS"));
	}

	@Test
	void aWaitingMigratorReportsTheHolderAndTimesOut() throws Exception {
		write("V1__slow.sql", sleepSql(3000) + ";");
		CountDownLatch holding = new CountDownLatch(1);
		MigrationListener signal = new MigrationListener() {
			@Override
			public void scriptStarted(ScriptRun script, int index, int total) {
				holding.countDown();
			}
		};
		CompletableFuture<MigrateResult> holder = CompletableFuture
			.supplyAsync(() -> migrator((builder) -> builder.listener(signal)).migrate());
		assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
		List<String> reported = new ArrayList<>();
		MigrationListener waiting = new MigrationListener() {
			@Override
			public void lockWaiting(io.migrator.core.LockHolder lockHolder, Duration waited) {
				reported.add(lockHolder.toString());
			}
		};
		long started = System.nanoTime();
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator((builder) -> builder.lockWaitTimeout(Duration.ofMillis(500)).listener(waiting))
				.migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.LOCK_TIMEOUT))
			.withMessageContaining("Timed out after")
			.withMessageContaining("migrator.lock.wait-timeout");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		assertThat(reported).isNotEmpty();
		assertHolderDescribed(reported.get(0));
		assertThat(holder.get(30, TimeUnit.SECONDS).applied()).hasSize(1);
	}

	@Test
	void aWaiterWhosePeerAppliedEverythingReturnsWithoutTakingTheLock() throws Exception {
		write("V1__create.sql", "CREATE TABLE done_by_peer (v INT PRIMARY KEY);");
		write("V2__two.sql", "INSERT INTO done_by_peer VALUES (2);");
		write("V3__three.sql", "INSERT INTO done_by_peer VALUES (3);");
		LockRace race = LockRace.holdingAfterTheLastScript();
		CompletableFuture<MigrateResult> peer = startPeer(race, null);
		MigrateResult waited;
		try {
			waited = waiter(race).migrate();
		}
		finally {
			race.letThePeerGo();
		}
		assertThat(waited.applied()).isEmpty();
		assertThat(waited.initialVersion()).isEqualTo(Version.parse("3"));
		assertThat(waited.finalVersion()).isEqualTo(Version.parse("3"));
		assertThat(waited.lockWait()).isGreaterThan(Duration.ZERO);
		assertThat(race.waits()).isPositive();
		assertThat(race.acquisitions()).isZero();
		assertThat(race.notNeeded()).isOne();
		assertThat(peer.get(60, TimeUnit.SECONDS).applied()).hasSize(3);
		assertThat(ledger()).containsExactly(expectedLedger("1:DDL", "2:SUCCESS", "3:SUCCESS"));
		assertThat(count("SELECT count(*) FROM done_by_peer")).isEqualTo(2);
	}

	@Test
	void aWaiterWhosePeerAppliedOnlyPartTakesTheLockAndAppliesTheRest() throws Exception {
		write("V1__create.sql", "CREATE TABLE part (v INT PRIMARY KEY);");
		// Two ledger rows for one script: the waiter's row count reaches three before the
		// work is done.
		write("V2__two.sql", "-- migrator:transaction=false\nINSERT INTO part VALUES (2);");
		write("V3__three.sql", "INSERT INTO part VALUES (3);");
		LockRace race = LockRace.releasingWhenDone();
		CompletableFuture<MigrateResult> peer = startPeer(race, Version.parse("2"));
		MigrateResult waited = waiter(race).migrate();
		assertThat(waited.applied()).extracting((m) -> m.script()).containsExactly("V3__three.sql");
		assertThat(waited.initialVersion()).isEqualTo(Version.parse("2"));
		assertThat(race.waits()).isPositive();
		assertThat(race.acquisitions()).isOne();
		assertThat(peer.get(60, TimeUnit.SECONDS).finalVersion()).isEqualTo(Version.parse("2"));
		assertThat(ledger()).containsExactly(expectedLedger("1:DDL", "2:STARTED", "2:SUCCESS", "3:SUCCESS"));
	}

	@Test
	void aWaiterWhosePeerFailedTakesTheLockAndReportsTheFailure() throws Exception {
		write("V1__create.sql", "CREATE TABLE steps (id INT PRIMARY KEY);");
		write("V2__steps.sql", "-- migrator:transaction=false\n" + "INSERT INTO steps VALUES (1);\n"
				+ "INSERT INTO steps VALUES (1);\n");
		LockRace race = LockRace.releasingWhenDone();
		CompletableFuture<MigrateResult> peer = startPeer(race, null);
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> waiter(race).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageContaining("Version 2 (V2__steps.sql) failed part-way");
		assertThat(race.waits()).isPositive();
		assertThat(race.acquisitions()).isOne();
		assertThat(peer).failsWithin(60, TimeUnit.SECONDS)
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(MigrationException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(Reason.SCRIPT_FAILED));
		assertThat(ledger()).containsExactly(expectedLedger("1:DDL", "2:STARTED", "2:FAILED"));
	}

	/**
	 * Start a migrator that holds the lock until the race's waiter waits for it.
	 */
	private CompletableFuture<MigrateResult> startPeer(LockRace race, @Nullable Version target)
			throws InterruptedException {
		CompletableFuture<MigrateResult> peer = CompletableFuture
			.supplyAsync(() -> migrator((builder) -> builder.listener(race.peer())).migrate(target));
		race.awaitThePeerHoldingTheLock();
		return peer;
	}

	private Migrator waiter(LockRace race) {
		return migrator((builder) -> builder.listener(race.waiter()).lockWaitTimeout(Duration.ofSeconds(60)));
	}

	/**
	 * Check how the database describes a lock holder.
	 * @param description the holder as reported
	 */
	protected abstract void assertHolderDescribed(String description);

	@Test
	void aStatementTimeoutStopsAStuckScript() {
		write("V1__stuck.sql", longRunningSql() + ";");
		long started = System.nanoTime();
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator((builder) -> builder.statementTimeout(Duration.ofMillis(500))).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SCRIPT_FAILED))
			.withMessageContaining("V1__stuck.sql");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
		assertThat(migrator().info().pendingCount()).isEqualTo(1);
	}

	@Test
	void undoRevertsNewerVersionsNewestFirstAndKeepsTheirHistory() {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		write("V2__b.sql", "CREATE TABLE b (id INT);");
		write("U2__b.sql", "DROP TABLE b;");
		write("V3__c.sql", "CREATE TABLE c (id INT);");
		write("U3__c.sql", "DROP TABLE c;");
		migrator().migrate();
		MigrateResult undone = migrator().undo(Version.parse("1"));
		assertThat(undone.applied()).extracting((m) -> m.script()).containsExactly("U3__c.sql", "U2__b.sql");
		assertThat(undone.initialVersion()).isEqualTo(Version.parse("3"));
		assertThat(undone.finalVersion()).isEqualTo(Version.parse("1"));
		assertThat(tableExists("b")).isFalse();
		assertThat(tableExists("c")).isFalse();
		assertThat(tableExists("a")).isTrue();
		assertThat(ledgerWithTypes()).containsExactly(
				expectedLedger("1:VERSIONED:DDL", "2:VERSIONED:DDL", "3:VERSIONED:DDL", "3:UNDO:DDL", "2:UNDO:DDL"));
		InfoResult info = migrator().info();
		assertThat(info.schemaVersion()).isEqualTo(Version.parse("1"));
		assertThat(info.pendingCount()).isEqualTo(2);
		assertThat(migrator().migrate().applied()).hasSize(2);
		assertThat(tableExists("c")).isTrue();
	}

	@Test
	void repeatableScriptsAreAppliedAgainAfterAnUndo() {
		write("V1__people.sql", "CREATE TABLE people (name VARCHAR(20));");
		write("V2__age.sql", "ALTER TABLE people ADD COLUMN age INT;");
		write("U2__age.sql", "DROP VIEW IF EXISTS people_view;\nALTER TABLE people DROP COLUMN age;");
		write("R__view.sql", "CREATE OR REPLACE VIEW people_view AS SELECT name FROM people;");
		migrator().migrate();
		migrator().undo(Version.parse("1"));
		assertThat(tableExists("people_view")).isFalse();
		assertThat(migrator().info().pendingCount()).isEqualTo(2);
		assertThat(migrator().migrate().applied()).extracting((m) -> m.script())
			.containsExactly("V2__age.sql", "R__view.sql");
		assertThat(tableExists("people_view")).isTrue();
		assertThat(migrator().migrate().applied()).isEmpty();
	}

	@Test
	void undoToZeroRevertsEverything() {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		write("U1__a.sql", "DROP TABLE a;");
		write("V2__b.sql", "CREATE TABLE b (id INT);");
		write("U2__b.sql", "DROP TABLE b;");
		migrator().migrate();
		assertThat(migrator().undo(Version.ZERO).finalVersion()).isEqualTo(Version.ZERO);
		assertThat(tableExists("a")).isFalse();
		assertThat(migrator().info().schemaVersion()).isEqualTo(Version.ZERO);
	}

	@Test
	void undoRefusesBeforeChangingAnythingWhenUndoScriptsAreMissing() {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		write("V2__b.sql", "CREATE TABLE b (id INT);");
		write("V3__c.sql", "CREATE TABLE c (id INT);");
		write("U3__c.sql", "DROP TABLE c;");
		migrator().migrate();
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().undo(Version.ZERO))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.TARGET))
			.withMessageContaining("versions 2, 1 have no undo script (U2__*.sql, U1__*.sql)")
			.withMessageContaining("Nothing was changed");
		assertThat(tableExists("c")).isTrue();
		assertThat(ledger()).containsExactly(expectedLedger("1:DDL", "2:DDL", "3:DDL"));
	}

	@Test
	void repairClearsAFailedAttemptSoTheFixedScriptRunsAgain() {
		write("V1__create.sql", "CREATE TABLE steps (id INT PRIMARY KEY);");
		write("V2__steps.sql",
				"-- migrator:transaction=false\nINSERT INTO steps VALUES (1);\nINSERT INTO steps VALUES (1);\n");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate());
		execute("DELETE FROM steps");
		write("V2__steps.sql",
				"-- migrator:transaction=false\nINSERT INTO steps VALUES (1);\nINSERT INTO steps VALUES (2);\n");
		RepairResult repaired = migrator().repair();
		assertThat(repaired.changes()).singleElement()
			.asString()
			.contains("Cleared the failed attempt of version 2 (V2__steps.sql)");
		assertThat(repaired.info().find(Version.parse("2")).state()).isEqualTo(MigrationState.PENDING);
		assertThat(migrator().migrate().applied()).hasSize(1);
		assertThat(count("SELECT count(*) FROM steps")).isEqualTo(2);
		assertThat(ledger())
			.containsExactly(expectedLedger("1:DDL", "2:STARTED", "2:FAILED", "2:CLEARED", "2:STARTED", "2:SUCCESS"));
	}

	@Test
	void repairAcceptsAnEditedScriptWithoutRunningIt() {
		write("V1__create.sql", "CREATE TABLE edited (id INT);");
		migrator().migrate();
		write("V1__create.sql", "-- explain why\nCREATE TABLE edited (id INT);");
		RepairResult repaired = migrator().repair();
		assertThat(repaired.changes()).singleElement().asString().contains("Accepted the edited script of version 1");
		assertThat(migrator().validate().isValid()).isTrue();
		assertThat(migrator().migrate().applied()).isEmpty();
		assertThat(migrator().repair().changes()).isEmpty();
	}

	@Test
	void baselineAdoptsAnExistingSchema() {
		execute("CREATE TABLE legacy (id INT)");
		write("V1__legacy.sql", "CREATE TABLE legacy (id INT);");
		write("V2__more.sql", "ALTER TABLE legacy ADD COLUMN name VARCHAR(10);");
		write("V3__new.sql", "CREATE TABLE fresh (id INT);");
		InfoResult info = migrator().baseline(Version.parse("2"));
		assertThat(info.schemaVersion()).isEqualTo(Version.parse("2"));
		assertThat(info.find(Version.parse("1")).state()).isEqualTo(MigrationState.BELOW_BASELINE);
		MigrateResult result = migrator().migrate();
		assertThat(result.applied()).extracting((m) -> m.script()).containsExactly("V3__new.sql");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().baseline(Version.parse("3")))
			.withMessageContaining("history is not empty");
	}

	@Test
	void dryRunListsTheStatementsWithoutRunningThem() {
		write("V1__a.sql", "CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);");
		write("U1__a.sql", "DROP TABLE a;");
		DryRun plan = migrator().dryRunMigrate(null);
		assertThat(plan.scripts()).singleElement().satisfies((script) -> {
			assertThat(script.script()).isEqualTo("V1__a.sql");
			assertThat(script.statements()).containsExactly("CREATE TABLE a (id INT)", "INSERT INTO a VALUES (1)");
		});
		assertThat(plan.targetVersion()).isEqualTo(Version.parse("1"));
		assertThat(tableExists("a")).isFalse();
		migrator().migrate();
		DryRun undo = migrator().dryRunUndo(Version.ZERO);
		assertThat(undo.scripts()).singleElement().satisfies((script) -> {
			assertThat(script.type()).isEqualTo(io.migrator.core.MigrationType.UNDO);
			assertThat(script.statements()).containsExactly("DROP TABLE a");
		});
		assertThat(tableExists("a")).isTrue();
	}

	@Test
	void awaitVersionReturnsOnceAPeerMigratedAndScansTheScriptsOnce() throws Exception {
		write("V1__a.sql", "CREATE TABLE awaited_a (id INT);");
		write("V2__b.sql", "CREATE TABLE awaited_b (id INT);");
		AtomicInteger scans = new AtomicInteger();
		CountDownLatch behind = new CountDownLatch(2);
		MigrationListener watcher = new MigrationListener() {
			@Override
			public void awaiting(InfoResult info) {
				behind.countDown();
			}
		};
		Migrator replica = migrator((builder) -> builder.listener(watcher)
			.scriptScanner(countingScanner(new DefaultScriptScanner(getClass().getClassLoader()), scans)));
		CompletableFuture<InfoResult> awaiting = CompletableFuture
			.supplyAsync(() -> replica.awaitVersion(null, Duration.ofSeconds(30)));
		assertThat(behind.await(10, TimeUnit.SECONDS)).as("the replica looked, twice, and saw the schema behind")
			.isTrue();
		assertThat(tableExists("migrator_schema_history")).isFalse();
		migrator().migrate();
		InfoResult reached = awaiting.get(20, TimeUnit.SECONDS);
		assertThat(reached.schemaVersion()).isEqualTo(Version.parse("2"));
		assertThat(reached.isCurrent()).isTrue();
		assertThat(scans).hasValue(1);
	}

	@Test
	void awaitVersionStopsAtOnceWhenTheDatabaseAppliedOtherContent() {
		write("V1__a.sql", "CREATE TABLE awaited_a (id INT);");
		migrator().migrate();
		write("V1__a.sql", "CREATE TABLE awaited_a (id BIGINT);");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator().awaitVersion(null, Duration.ofMinutes(5)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageContaining("version 1 (V1__a.sql)")
			.withMessageContaining("same release");
	}

	@Test
	void awaitVersionTimesOutWithBothVersionsAndChangesNothing() {
		write("V1__a.sql", "CREATE TABLE awaited_a (id INT);");
		write("V2__b.sql", "CREATE TABLE awaited_b (id INT);");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator().awaitVersion(Version.parse("1"), Duration.ofMillis(400)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.AWAIT_TIMEOUT))
			.withMessageContaining("reach version 1")
			.withMessageContaining("it is at version 0")
			.withMessageContaining("no history table yet")
			.withMessageContaining("migrator.await.timeout");
		assertThat(tableExists("migrator_schema_history")).isFalse();
		assertThat(tableExists("awaited_a")).isFalse();
	}

	@Test
	void aStartTakesAScriptWhoseFingerprintIsUnchangedWithoutReadingIt() {
		String script = "CREATE TABLE stamped (id INT);";
		write("V1__create.sql", script);
		migrator().migrate();
		assertThat(queryValue("SELECT fingerprint FROM " + quote("migrator_schema_history") + " WHERE version = '1'"))
			.isEqualTo(ScriptFingerprint.of(script.getBytes(StandardCharsets.UTF_8), script.length()).toString());
		AtomicInteger opened = new AtomicInteger();
		Migrator fromJar = migrator((builder) -> builder.scriptScanner(fingerprintingScanner(opened, false)));
		assertThat(fromJar.migrate().applied()).isEmpty();
		assertThat(opened).as("scripts opened by a no-op start").hasValue(0);

		write("V1__create.sql", script.replace("stamped", "stamper"));
		assertThatExceptionOfType(MigrationException.class).isThrownBy(fromJar::migrate)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageContaining("changed after it was applied");
	}

	@Test
	void validateComparesEveryScriptByItsChecksumWhateverItsFingerprint() {
		write("V1__create.sql", "CREATE TABLE stamped (id INT);");
		migrator().migrate();
		write("V1__create.sql", "CREATE TABLE stamper (id INT);");
		AtomicInteger opened = new AtomicInteger();
		ValidateResult validation = migrator((builder) -> builder.scriptScanner(fingerprintingScanner(opened, true)))
			.validate();
		assertThat(validation.info().find(Version.parse("1")).state()).isEqualTo(MigrationState.MODIFIED);
		assertThat(opened).hasValue(1);
	}

	@Test
	void aLedgerWithoutTheFingerprintColumnGetsItAndItsOldRowsAreComparedByChecksum() {
		write("V1__create.sql", "CREATE TABLE before_fingerprints (id INT);");
		migrator().migrate();
		String table = quote("migrator_schema_history");
		execute("ALTER TABLE " + table + " DROP COLUMN fingerprint");
		write("V2__next.sql", "CREATE TABLE after_fingerprints (id INT);");
		assertThat(migrator().migrate().applied()).extracting((m) -> m.version().toString()).containsExactly("2");
		assertThat(queryValue("SELECT fingerprint FROM " + table + " WHERE version = '1'")).isNull();
		assertThat(queryValue("SELECT fingerprint FROM " + table + " WHERE version = '2'")).isNotNull();
		assertThat(migrator().migrate().applied()).isEmpty();
		write("V1__create.sql", "CREATE TABLE before_fingerprint (id INT);");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("V1__create.sql");
	}

	/**
	 * The folder's scripts as a jar's scanner gives them: each with the fingerprint its
	 * directory records, read at scan time (or, {@code stale}, the fingerprint of the
	 * content before the edit the tests make). Every open is counted.
	 */
	private ScriptScanner fingerprintingScanner(AtomicInteger opened, boolean stale) {
		DefaultScriptScanner files = new DefaultScriptScanner(getClass().getClassLoader());
		return (location) -> files.scan(location).stream().map((file) -> {
			ScriptFingerprint fingerprint = fingerprintOf(file, stale);
			return (ScriptResource) new ScriptResource() {

				@Override
				public String name() {
					return file.name();
				}

				@Override
				public String location() {
					return file.location();
				}

				@Override
				public InputStream open() throws IOException {
					opened.incrementAndGet();
					return file.open();
				}

				@Override
				public ScriptFingerprint fingerprint() {
					return fingerprint;
				}

			};
		}).toList();
	}

	private static ScriptFingerprint fingerprintOf(ScriptResource file, boolean stale) {
		try (InputStream in = file.open()) {
			byte[] bytes = in.readAllBytes();
			String text = new String(bytes, StandardCharsets.UTF_8);
			byte[] fingerprinted = stale ? text.replace("stamper", "stamped").getBytes(StandardCharsets.UTF_8) : bytes;
			return ScriptFingerprint.of(fingerprinted, fingerprinted.length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static ScriptScanner countingScanner(ScriptScanner scanner, AtomicInteger scans) {
		return (location) -> {
			scans.incrementAndGet();
			return scanner.scan(location);
		};
	}

	protected List<String> ledgerWithTypes() {
		List<String> rows = new ArrayList<>();
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(
						"SELECT version, type, status FROM " + quote("migrator_schema_history") + " ORDER BY id")) {
			while (result.next()) {
				rows.add(result.getString(1) + ":" + result.getString(2) + ":" + result.getString(3));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return rows;
	}

}
