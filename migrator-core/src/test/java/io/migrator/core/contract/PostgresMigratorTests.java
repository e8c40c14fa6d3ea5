package io.migrator.core.contract;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import io.migrator.core.InfoResult;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationListener;
import io.migrator.core.MigrationListener.ScriptRun;
import io.migrator.core.MigrationState;
import io.migrator.core.Version;
import io.migrator.core.internal.script.DefaultScriptScanner;
import io.migrator.core.resolve.ScriptResource;
import io.migrator.core.testsupport.MigrationLockHolder;
import io.migrator.core.testsupport.PostgresTestDatabase;
import io.migrator.core.testsupport.RoundTripCounter;
import io.migrator.core.testsupport.SyntaxErrorScript;
import io.migrator.core.testsupport.TestDatabase;
import io.migrator.core.testsupport.TestScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract on PostgreSQL, plus what only PostgreSQL has: transactional DDL,
 * CONCURRENTLY, dollar quoting, advisory locks, lock timeouts.
 */
class PostgresMigratorTests extends MigratorContractTests {

	/** How many statements, and characters of SQL, a batch takes at most. */
	private static final int BATCH_STATEMENTS = 100;

	private static final int BATCH_CHARS = 64 * 1024;

	@Override
	protected TestDatabase createDatabase() {
		return PostgresTestDatabase.create();
	}

	@Override
	protected String sleepSql(int millis) {
		return "SELECT pg_sleep(" + (millis / 1000.0) + ")";
	}

	@Override
	protected String longRunningSql() {
		return sleepSql(5000);
	}

	@Override
	protected void assertHolderDescribed(String description) {
		assertThat(description).startsWith("pid ").contains("connected since");
	}

	@Test
	void aFailingScriptLeavesNoDdlBehind() {
		write("V1__tables.sql", "CREATE TABLE first_table (id INT);\n" + "CREATE INDEX first_idx ON first_table (id);\n"
				+ "ALTER TABLE first_table ADD COLUMN name TEXT;\n" + "ALTER TABLE no_such_table ADD COLUMN x INT;\n");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(4))
			.withMessageContaining("SQLSTATE 42P01")
			.withMessageContaining("Nothing of it was applied");
		assertThat(tableExists("first_table")).isFalse();
		assertThat(count("SELECT count(*) FROM migrator_schema_history")).isZero();
	}

	@Test
	void reportsTheLineOfASyntaxErrorInsideAMultiLineStatement() {
		StringBuilder script = new StringBuilder();
		for (int i = 1; i <= 30; i++) {
			script.append("-- filler line ").append(i).append('\n');
		}
		write("V1__syntax.sql", SyntaxErrorScript.onLine37(script.toString(), "syntax"));
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(37))
			.withMessageContaining("failed at line 37")
			.withMessageContaining("42601");
	}

	@Test
	void createIndexConcurrentlyRunsOutsideATransaction() {
		write("V1__table.sql", "CREATE TABLE big (id INT, email TEXT);\n"
				+ "INSERT INTO big SELECT g, 'user' || g FROM generate_series(1, 1000) g;");
		write("V2__index.sql", "CREATE INDEX CONCURRENTLY big_email_idx ON big (email);");
		MigrateResult result = migrator().migrate();
		assertThat(result.applied().get(1).transactional()).isFalse();
		assertThat(queryValue("SELECT indisvalid FROM pg_index WHERE indexrelid = 'big_email_idx'::regclass"))
			.isEqualTo(true);
		assertThat(ledger()).containsExactly("1:SUCCESS", "2:STARTED", "2:SUCCESS");
	}

	@Test
	void dollarQuotedFunctionsAndDoBlocksRunWhole() {
		write("V1__functions.sql", """
				CREATE TABLE audit (msg TEXT);
				CREATE FUNCTION log_it(m TEXT) RETURNS void AS $body$
				BEGIN
				  INSERT INTO audit VALUES (m || '; with semicolon');
				END;
				$body$ LANGUAGE plpgsql;
				DO $$
				BEGIN
				  PERFORM log_it('from do; block');
				  RAISE NOTICE 'it''s done; really';
				END $$;
				CREATE FUNCTION add_one(i INT) RETURNS INT
				LANGUAGE SQL
				BEGIN ATOMIC
				  SELECT i + 1;
				END;
				""");
		migrator().migrate();
		assertThat(queryValue("SELECT msg FROM audit")).isEqualTo("from do; block; with semicolon");
		assertThat(queryValue("SELECT add_one(41)")).isEqualTo(42);
	}

	@Test
	void aScriptWithItsOwnTransactionsRunsAsWritten() {
		write("V1__own.sql", """
				CREATE TABLE own (id INT);
				BEGIN;
				INSERT INTO own VALUES (1);
				INSERT INTO own VALUES (2);
				COMMIT;
				BEGIN;
				INSERT INTO own VALUES (3);
				ROLLBACK;
				""");
		MigrateResult result = migrator().migrate();
		assertThat(result.applied().get(0).transactional()).isFalse();
		assertThat(count("SELECT count(*) FROM own")).isEqualTo(2);
		assertThat(ledger()).containsExactly("1:STARTED", "1:SUCCESS");
	}

	@Test
	void aCrashInsideANonTransactionalScriptLeavesAnUnfinishedEntry() {
		write("V1__table.sql", "CREATE TABLE crash (id INT);");
		write("V2__dies.sql", "-- migrator:transaction=false\n" + "INSERT INTO crash VALUES (1);\n"
				+ "SELECT pg_terminate_backend(pg_backend_pid());\n" + "INSERT INTO crash VALUES (2);\n");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.withMessageContaining("V2__dies.sql")
			.withMessageContaining("UNFINISHED");
		assertThat(ledger()).containsExactly("1:SUCCESS", "2:STARTED");
		assertThat(migrator().info().find(Version.parse("2")).state()).isEqualTo(MigrationState.UNFINISHED);
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageContaining("Version 2 (V2__dies.sql) started")
			.withMessageContaining("never finished");
		assertThat(count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
				+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
			.isZero();
	}

	@Test
	void aTransactionalScriptWhoseSessionTheServerEndsLeavesNothingAndSaysSo() {
		write("V1__table.sql", "CREATE TABLE ended (id INT);");
		write("V2__ends.sql", "CREATE TABLE half_done (id INT);\n" + "INSERT INTO ended VALUES (1);\n"
				+ "SELECT pg_terminate_backend(pg_backend_pid());\n");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("57P01"))
			.withMessageContaining("V2__ends.sql failed at line 3")
			.withMessageContaining("terminating connection due to administrator command")
			.withMessageContaining("Nothing of it was applied");
		assertThat(tableExists("half_done")).isFalse();
		assertThat(count("SELECT count(*) FROM ended")).isZero();
		assertThat(ledger()).containsExactly("1:SUCCESS");
		assertThat(count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
				+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
			.isZero();
	}

	@Test
	void theLockIsFreeOnceTheHoldersConnectionIsGone() throws Exception {
		write("V1__a.sql", "CREATE TABLE freed (id INT);");
		Connection holder = this.database.dataSource().getConnection();
		MigrationLockHolder.hold(holder);
		CompletableFuture<MigrateResult> waiting = CompletableFuture
			.supplyAsync(() -> migrator((builder) -> builder.lockWaitTimeout(Duration.ofSeconds(30))).migrate());
		Thread.sleep(500);
		assertThat(waiting).isNotDone();
		holder.close();
		assertThat(waiting.get(10, TimeUnit.SECONDS).applied()).hasSize(1);
		assertThat(count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
				+ " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
			.isZero();
	}

	@Test
	void retriesAScriptThatHitTheLockTimeout() throws Exception {
		write("V1__table.sql", "CREATE TABLE busy (id INT);");
		migrator().migrate();
		// The blocked statement sits in the middle of a batch: the retry reruns the whole
		// batch.
		write("V2__alter.sql", "CREATE TABLE before_busy (id INT);\nALTER TABLE busy ADD COLUMN name TEXT;\n"
				+ "CREATE TABLE after_busy (id INT);");
		Connection blocker = this.database.dataSource().getConnection();
		blocker.setAutoCommit(false);
		try (Statement statement = blocker.createStatement()) {
			statement.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
		}
		CompletableFuture<MigrateResult> run = CompletableFuture.supplyAsync(
				() -> migrator((builder) -> builder.lockTimeout(Duration.ofMillis(200)).lockRetries(3)).migrate());
		// Waiting on the lock, then no longer while the blocker still holds it: the first
		// attempt timed out.
		awaitSessionsWaitingOnALock(1);
		awaitSessionsWaitingOnALock(0);
		blocker.rollback();
		blocker.close();
		assertThat(run.get(30, TimeUnit.SECONDS).applied()).hasSize(1);
		assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'busy'")).isEqualTo(2);
		assertThat(tableExists("before_busy")).isTrue();
		assertThat(tableExists("after_busy")).isTrue();
		assertThat(ledger()).containsExactly("1:SUCCESS", "2:SUCCESS");
	}

	private void awaitSessionsWaitingOnALock(int sessions) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
				+ " AND wait_event_type = 'Lock'") != sessions) {
			assertThat(System.nanoTime()).as("%d session(s) waiting on a lock within 30 s", sessions)
				.isLessThan(deadline);
			Thread.sleep(10);
		}
	}

	@Test
	void aScriptThatChangesWhileItRunsIsRolledBackNotHalfCommitted() {
		write("V1__big.sql", "CREATE TABLE big (id INT, filler TEXT);");
		migrator().migrate();
		// Over 4M characters: its statements are not kept, so it is read again when it
		// runs.
		StringBuilder big = new StringBuilder();
		for (int i = 0; i < 4300; i++) {
			big.append("INSERT INTO big VALUES (").append(i).append(", '").append("x".repeat(1000)).append("');\n");
		}
		String original = big.toString();
		int line2151 = original.indexOf("INSERT INTO big VALUES (2150,");
		String broken = original.substring(0, line2151) + "INSERT INTO big VALUES (0, 'never closed);\n";
		AtomicBoolean running = new AtomicBoolean();
		ScriptResource script = new TestScript("V2__big.sql", "test:V2__big.sql",
				() -> new ByteArrayInputStream((running.get() ? broken : original).getBytes(StandardCharsets.UTF_8)));
		MigrationListener changesTheFile = new MigrationListener() {

			@Override
			public void scriptStarted(ScriptRun run, int index, int total) {
				running.set(true);
			}

		};
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator((builder) -> builder.scriptScanner((location) -> {
				List<ScriptResource> found = new ArrayList<>(
						new DefaultScriptScanner(getClass().getClassLoader()).scan(location));
				found.add(script);
				return found;
			}).listeners(List.of(changesTheFile))).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining("test:V2__big.sql line 2151")
			.withMessageContaining("the file changed while it ran");
		assertThat(count("SELECT count(*) FROM big")).as("no statement of the half-read script stays").isZero();
		assertThat(ledger()).containsExactly("1:SUCCESS");
	}

	@Test
	void givesUpAfterTheLockTimeoutRetriesWithNothingApplied() throws Exception {
		write("V1__table.sql", "CREATE TABLE busy (id INT);");
		migrator().migrate();
		write("V2__alter.sql", "INSERT INTO busy VALUES (1);\nALTER TABLE busy ADD COLUMN name TEXT;");
		try (Connection blocker = this.database.dataSource().getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement statement = blocker.createStatement()) {
				statement.execute("LOCK TABLE busy IN ACCESS SHARE MODE");
			}
			assertThatExceptionOfType(MigrationException.class)
				.isThrownBy(() -> migrator((builder) -> builder.lockTimeout(Duration.ofMillis(100)).lockRetries(1))
					.migrate())
				.satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("55P03"))
				.withMessageContaining("V2__alter.sql failed at line 2")
				.withMessageContaining("lock timeout")
				.withMessageContaining("2 time(s)");
			blocker.rollback();
		}
		assertThat(count("SELECT count(*) FROM busy")).isZero();
		assertThat(ledger()).containsExactly("1:SUCCESS");
	}

	static Stream<Arguments> failuresInABatch() {
		StringBuilder secondBatch = new StringBuilder();
		for (int i = 1; i <= BATCH_STATEMENTS; i++) {
			secondBatch.append("CREATE TABLE t").append(i).append(" (id INT);\n");
		}
		secondBatch.append("SELECT 1;\n") // runs alone, between two batches
			.append("CREATE TABLE after_select (id INT);\n")
			.append("CREATE TABLE t1 (id INT);\n") // line 103
			.append("CREATE TABLE never (id INT);\n");
		return Stream.of(
				Arguments.of("first",
						"ALTER TABLE no_such ADD COLUMN x INT;\nCREATE TABLE a (id INT);\n"
								+ "CREATE TABLE b (id INT);\n",
						1, "42P01", "relation \"no_such\" does not exist"),
				Arguments.of("middle",
						"CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);\n"
								+ "INSERT INTO a VALUES ('one');\nCREATE TABLE b (id INT);\n",
						3, "22P02", "invalid input syntax for type integer"),
				Arguments.of("middle, multi-line",
						"CREATE TABLE a (id INT);\nCREATE TABLE b (\n  id INT,\n"
								+ "  name TEXT\n  oops INT\n);\nCREATE TABLE c (id INT);\n",
						5, "42601", "syntax error at or near \"oops\""),
				Arguments.of("last", "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n\nCREATE TABLE a (id INT);\n",
						4, "42P07", "relation \"a\" already exists"),
				Arguments.of("second batch", secondBatch.toString(), 103, "42P07", "relation \"t1\" already exists"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failuresInABatch")
	void aFailureInABatchNamesItsStatementAndLeavesNothing(String where, String script, int line, String sqlState,
			String serverMessage) {
		write("V1__batch.sql", script);
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate()).satisfies((ex) -> {
			assertThat(ex.reason()).isEqualTo(Reason.SCRIPT_FAILED);
			assertThat(ex.line()).isEqualTo(line);
			assertThat(ex.sqlState()).isEqualTo(sqlState);
		})
			.withMessageContaining("V1__batch.sql failed at line " + line + " (")
			.withMessageContaining("SQLSTATE " + sqlState + ": ERROR: " + serverMessage)
			.withMessageContaining("Nothing of it was applied")
			.withMessageNotContaining("Batch entry");
		assertThat(count("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
				+ " AND tablename <> 'migrator_schema_history'"))
			.isZero();
		assertThat(ledger()).isEmpty();
	}

	@Test
	void aScriptMixingStatementsThatReturnRowsWithBatchedOnesRunsInOrder() {
		write("V1__mixed.sql", """
				CREATE TABLE items (id SERIAL PRIMARY KEY, name TEXT);
				INSERT INTO items (name) VALUES ('a');
				SELECT setval('items_id_seq', 100);
				INSERT INTO items (name) VALUES ('b') RETURNING id;
				WITH renamed AS (UPDATE items SET name = upper(name) RETURNING id) SELECT count(*) FROM renamed;
				CREATE INDEX items_name ON items (name);
				VALUES (1), (2);
				SHOW search_path;
				ALTER TABLE items ADD COLUMN note TEXT;
				UPDATE items SET note = 'n' || id;
				""");
		assertThat(migrator().migrate().applied()).hasSize(1);
		assertThat(queryValue("SELECT string_agg(id || name || note, ',' ORDER BY id) FROM items"))
			.isEqualTo("1An1,101Bn101");
		assertThat(queryValue("SELECT to_regclass('items_name') IS NOT NULL")).isEqualTo(true);
		assertThat(ledger()).containsExactly("1:SUCCESS");
	}

	@Test
	void aScriptLargerThanABatchRunsInOneTransaction() {
		StringBuilder script = new StringBuilder("CREATE TABLE data (id INT PRIMARY KEY, payload TEXT);\n");
		for (int i = 1; i <= 2 * BATCH_STATEMENTS + 50; i++) {
			script.append("INSERT INTO data VALUES (").append(i).append(", 'row ").append(i).append("');\n");
		}
		// One statement larger than a batch may hold in characters
		script.append("INSERT INTO data VALUES (0, '").append("x".repeat(BATCH_CHARS + 1)).append("');\n");
		write("V1__data.sql", script.toString());
		write("V2__more.sql", "INSERT INTO data VALUES (-1, 'last');");
		assertThat(migrator().migrate().applied()).hasSize(2);
		assertThat(count("SELECT count(*) FROM data")).isEqualTo(2L * BATCH_STATEMENTS + 52);
		assertThat(count("SELECT length(payload) FROM data WHERE id = 0")).isEqualTo(BATCH_CHARS + 1);
		assertThat(ledger()).containsExactly("1:SUCCESS", "2:SUCCESS");
	}

	@Test
	void theLedgerRowOfABatchKeepsQuotesBackslashesAndDollars() {
		String fileName = "V1__it's_a_\\_back\\slash_$$_$m$_x$m_;_test.sql";
		// Turning standard_conforming_strings off in the batch that carries the ledger
		// row
		write(fileName, "SET standard_conforming_strings = off;\nCREATE TABLE quoted (id INT);\n");
		String installedBy = "o'brien\\$$x$m";
		migrator((builder) -> builder.installedBy(installedBy)).migrate();
		assertThat(queryValue("SELECT description FROM migrator_schema_history"))
			.isEqualTo("it's a \\ back\\slash $$ $m$ x$m ; test");
		assertThat(queryValue("SELECT script FROM migrator_schema_history")).isEqualTo(fileName);
		assertThat(queryValue("SELECT installed_by FROM migrator_schema_history")).isEqualTo(installedBy);
		assertThat(migrator().validate().isValid()).isTrue();
	}

	@Test
	void theExecutionTimeOfABatchedScriptIncludesItsBatch() {
		write("V1__slow.sql", "CREATE TABLE slow (id INT);\nDO $$ BEGIN PERFORM pg_sleep(0.3); END $$;\n");
		migrator().migrate();
		assertThat(count("SELECT execution_time FROM migrator_schema_history")).isGreaterThanOrEqualTo(300);
	}

	@Test
	void theStatementTimeoutAppliesToEachStatementOfABatchNotToTheBatch() {
		// 8 x 0.25 s in one batch: only a timeout per batch would stop it
		write("V1__steps.sql", "DO $$ BEGIN PERFORM pg_sleep(0.25); END $$;\n".repeat(8));
		assertThat(migrator((builder) -> builder.statementTimeout(Duration.ofMillis(1500))).migrate().applied())
			.hasSize(1);
	}

	@Test
	void aStatementTimeoutInsideABatchNamesTheStatement() {
		write("V1__stuck.sql", "CREATE TABLE stuck (id INT);\nDO $$ BEGIN PERFORM pg_sleep(30); END $$;\n"
				+ "CREATE TABLE never (id INT);\n");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator((builder) -> builder.statementTimeout(Duration.ofSeconds(2))).migrate())
			.satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("57014"))
			.withMessageContaining("V1__stuck.sql failed at line 2")
			.withMessageContaining("canceling statement due to statement timeout");
		assertThat(tableExists("stuck")).isFalse();
	}

	@Test
	void aTransactionalScriptCostsTwoRoundTripsHoweverManyStatementsItHas() throws Exception {
		write("V1__one.sql", "CREATE TABLE one (id INT);");
		write("V2__many.sql", "CREATE TABLE many (id INT);\n" + "INSERT INTO many VALUES (1);\n".repeat(40));
		write("V3__select.sql", "CREATE TABLE selected (id INT);\nSELECT count(*) FROM selected;\n"
				+ "CREATE INDEX selected_id ON selected (id);\n");
		write("V4__large.sql",
				"CREATE TABLE large (id INT);\n" + "INSERT INTO large VALUES (1);\n".repeat(2 * BATCH_STATEMENTS + 50));
		Map<String, Integer> roundTrips = new ConcurrentHashMap<>();
		try (RoundTripCounter counter = RoundTripCounter.in((PostgresTestDatabase) this.database)) {
			MigrationListener listener = new MigrationListener() {

				private int before;

				@Override
				public void scriptStarted(ScriptRun script, int index, int total) {
					this.before = counter.roundTrips();
				}

				@Override
				public void scriptSucceeded(ScriptRun script, Duration duration) {
					roundTrips.put(script.script(), counter.roundTrips() - this.before);
				}

			};
			migrator((builder) -> builder.dataSource(counter.dataSource()).listener(listener)).migrate();
		}
		// A batch with the ledger row, and the commit; one fewer than a whole file, its
		// row and the commit.
		assertThat(roundTrips).containsEntry("V1__one.sql", 2)
			.containsEntry("V2__many.sql", 2)
			.containsEntry("V3__select.sql", 4)
			.containsEntry("V4__large.sql", 4);
	}

	@Test
	void restoresTheSessionSettingsOfABorrowedConnection() throws Exception {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		try (Connection connection = this.database.dataSource().getConnection()) {
			javax.sql.DataSource single = SingleConnectionDataSource.of(connection);
			migrator((builder) -> builder.dataSource(single).statementTimeout(Duration.ofSeconds(7))).migrate();
			try (Statement statement = connection.createStatement();
					ResultSet result = statement
						.executeQuery("SELECT current_setting('lock_timeout'), current_setting('statement_timeout')")) {
				result.next();
				assertThat(result.getString(1)).isEqualTo("0");
				assertThat(result.getString(2)).isEqualTo("0");
			}
			assertThat(connection.getAutoCommit()).isTrue();
		}
	}

	@Test
	void anUnreachableDatabaseIsRetriedUntilTheConnectTimeoutThenNamed() {
		write("V1__a.sql", "CREATE TABLE a (id INT);");
		javax.sql.DataSource nowhere = new io.migrator.core.testsupport.TestDatabase.DriverManagerDataSource(
				"jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2", "someone", "s3cret-password");
		long started = System.nanoTime();
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator((builder) -> builder.dataSource(nowhere).connectTimeout(Duration.ofSeconds(1)))
				.migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONNECTION))
			.withMessageContaining("127.0.0.1:1")
			.withMessageContaining("after trying for 1 s (migrator.connect-timeout)")
			.withMessageNotContaining("s3cret-password");
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900),
				Duration.ofSeconds(8));
	}

	@Test
	void aDatabaseThatComesUpDuringTheConnectTimeoutIsUsed() {
		write("V1__a.sql", "CREATE TABLE late (id INT);");
		javax.sql.DataSource real = this.database.dataSource();
		java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();
		javax.sql.DataSource startingUp = (javax.sql.DataSource) java.lang.reflect.Proxy.newProxyInstance(
				getClass().getClassLoader(), new Class<?>[] { javax.sql.DataSource.class }, (proxy, method, args) -> {
					if (method.getName().equals("getConnection") && attempts.incrementAndGet() <= 2) {
						throw new java.sql.SQLException("FATAL: the database system is starting up", "57P03");
					}
					return method.invoke(real, args);
				});
		assertThat(migrator((builder) -> builder.dataSource(startingUp)).migrate().applied()).hasSize(1);
		assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void aScriptThatSetsOneTimeoutKeepsTheConfiguredOther() {
		write("V1__slow.sql", "-- migrator:lock-timeout=5s\nSELECT pg_sleep(3);");
		long started = System.nanoTime();
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator((builder) -> builder.statementTimeout(Duration.ofMillis(500))).migrate())
			.satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("57014"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void aScriptCanAllowItselfMoreTimeThanConfigured() {
		write("V1__slow.sql", "-- migrator:statement-timeout=10s\nSELECT pg_sleep(1);");
		assertThat(migrator((builder) -> builder.statementTimeout(Duration.ofMillis(300))).migrate().applied())
			.hasSize(1);
	}

	@Test
	void awaitVersionOutlivesTheServerEndingItsSession() throws Exception {
		write("V1__a.sql", "CREATE TABLE awaited_a (id INT);");
		CountDownLatch looked = new CountDownLatch(1);
		MigrationListener watcher = new MigrationListener() {
			@Override
			public void awaiting(InfoResult info) {
				looked.countDown();
			}
		};
		CompletableFuture<InfoResult> awaiting = CompletableFuture
			.supplyAsync(() -> migrator().awaitVersion(null, Duration.ofSeconds(60), watcher));
		assertThat(looked.await(10, TimeUnit.SECONDS)).isTrue();
		// As a restart or failover would: the server ends the waiting session (57P01).
		assertThat(count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
				+ " WHERE datname = current_database() AND pid <> pg_backend_pid()"))
			.isEqualTo(1);
		migrator().migrate();
		assertThat(awaiting.get(30, TimeUnit.SECONDS).schemaVersion()).isEqualTo(Version.parse("1"));
	}

}
