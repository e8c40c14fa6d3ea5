package io.migrator.sample;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.migrator.core.testsupport.MigrationLockHolder;
import io.migrator.core.MigrationException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migrating job process killed with {@code kill -9} ({@link Process#destroyForcibly()}
 * is SIGKILL on Linux) at different points, its connection ended by the server, and a
 * database that is not there yet when the job starts. Each kill is repeated for several
 * rounds on fresh databases ({@code -Dreliability.rounds=N}, see {@link Rounds}).
 * <p>
 * What must hold after every crash: the orphaned backend ends within seconds even while
 * it runs a long statement ({@code client_connection_check_interval}), no advisory lock
 * is left once it has, the schema matches the ledger (nothing of an interrupted
 * transactional script, a visible unfinished entry for a non-transactional one), and the
 * next run either completes or stops with the message that says what to do.
 */
class CrashRecoveryIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	/**
	 * An orphaned backend must notice its client is gone well before its statement would
	 * end.
	 */
	private static final Duration ORPHAN_LIMIT = Duration.ofSeconds(10);

	private static final String PASSWORD = "Crash-Pw-" + Long.toHexString(System.nanoTime());

	@TempDir
	Path dir;

	@Test
	void killedInsideATransactionalScriptLeavesNothingOfItAndTheNextRunCompletes() {
		for (int round = 1; round <= Rounds.count(); round++) {
			try (PostgresProbe db = PostgresProbe.create()) {
				TallyScripts scripts = new TallyScripts(this.dir).createTally()
					.write("V2__slow.sql", transactionalV2(30))
					.write("V3__after.sql", TallyScripts.insert("3"));
				killWhileItSleepsAndAwaitBackends(db, scripts, round);
				assertThat(db.exists("half_done")).as("DDL of the interrupted transactional script").isFalse();
				assertThat(db.ledger()).containsExactly("1 VERSIONED SUCCESS");
				assertThat(db.tally()).isEqualTo(Map.of("1", 1L));
				db.assertLedgerMatchesTally();

				scripts.write("V2__slow.sql", transactionalV2(0));
				JobResult next = run(db, scripts);
				assertThat(next.exit()).as(next.output()).isZero();
				assertThat(next.output()).contains("Migrated schema from version 1 to 3");
				assertThat(db.exists("half_done")).isTrue();
				assertThat(db.assertLedgerMatchesTally()).containsExactly("1", "2", "3");
				assertThat(db.advisoryLocks()).isZero();
			}
		}
	}

	@Test
	void killedInsideANonTransactionalScriptStopsTheNextRunUntilRepair() {
		for (int round = 1; round <= Rounds.count(); round++) {
			try (PostgresProbe db = PostgresProbe.create()) {
				TallyScripts scripts = new TallyScripts(this.dir).createTally()
					.write("V2__backfill.sql", nonTransactionalV2(30))
					.write("V3__after.sql", TallyScripts.insert("3"));
				killWhileItSleepsAndAwaitBackends(db, scripts, round);
				assertThat(db.ledger()).containsExactly("1 VERSIONED SUCCESS", "2 VERSIONED STARTED");
				assertThat(db.tally()).isEqualTo(Map.of("1", 1L, "2/a", 1L));
				db.assertLedgerMatchesTally();

				JobResult blocked = run(db, scripts);
				assertThat(blocked.exit()).as(blocked.output()).isEqualTo(Reason.VALIDATION.exitCode());
				assertThat(blocked.output()).contains("Version 2 (V2__backfill.sql) started")
					.contains("never finished")
					.contains("Revert what it applied")
					.contains("repair (migrator.command=repair)");
				assertThat(db.ledger()).containsExactly("1 VERSIONED SUCCESS", "2 VERSIONED STARTED");
				assertThat(db.tally()).isEqualTo(Map.of("1", 1L, "2/a", 1L));

				// What the message asks a person to do: revert, repair, migrate.
				db.execute("DELETE FROM tally WHERE effect LIKE '2/%'");
				scripts.write("V2__backfill.sql", nonTransactionalV2(0));
				JobResult repair = run(db, scripts, "--migrator.command=repair");
				assertThat(repair.exit()).as(repair.output()).isZero();
				assertThat(repair.output()).contains("Cleared the unfinished attempt of version 2 (V2__backfill.sql)");
				JobResult migrate = run(db, scripts);
				assertThat(migrate.exit()).as(migrate.output()).isZero();
				assertThat(db.assertLedgerMatchesTally()).containsExactly("1", "2", "3");
				assertThat(db.tally()).isEqualTo(Map.of("1", 1L, "2/a", 1L, "2/b", 1L, "3", 1L));
				assertThat(db.advisoryLocks()).isZero();
			}
		}
	}

	@Test
	void killedAtARandomMomentWhileHoldingTheLockKeepsTheLedgerAndTheSchemaInStep() {
		long seed = System.nanoTime();
		Random random = new Random(seed);
		int scriptCount = 120;
		for (int round = 1; round <= Rounds.count(); round++) {
			try (PostgresProbe db = PostgresProbe.create()) {
				TallyScripts scripts = new TallyScripts(this.dir);
				scripts.createTally();
				for (int version = 2; version <= scriptCount; version++) {
					String effect = TallyScripts.insert(String.valueOf(version));
					if (version % 30 == 0) {
						// A few run outside a transaction, long enough that some kills
						// land inside one.
						scripts.write("V" + version + "__step.sql",
								"-- migrator:transaction=false\n" + effect + "SELECT pg_sleep(0.3);\n");
					}
					else {
						scripts.write("V" + version + "__step.sql", "SELECT pg_sleep(0.02);\n" + effect);
					}
				}
				long delay = random.nextInt(3500);
				try (SampleAppProcess job = job(db, scripts).start()) {
					awaitTallyStarted(db, job);
					PostgresProbe.sleep(delay);
					List<Integer> backends = db.backends();
					job.killHard();
					Duration gone = db.awaitGone(backends, ORPHAN_LIMIT);
					System.out.printf(
							"random kill, round %d (seed %d): killed %d ms in, after %d ledger rows;"
									+ " backends gone after %d ms%n",
							round, seed, delay, db.ledger().size(), gone.toMillis());
				}
				assertThat(db.advisoryLocks()).as("advisory locks after the backends ended").isZero();
				db.assertLedgerMatchesTally();

				JobResult next = run(db, scripts);
				System.out.printf("random kill, round %d: the next run exited %d%n", round, next.exit());
				if (next.exit() != 0) {
					// Killed inside one of the non-transactional scripts: the documented
					// stop, then a person's fix.
					assertThat(next.exit()).as(next.output()).isEqualTo(Reason.VALIDATION.exitCode());
					assertThat(next.output()).contains("never finished").contains("repair");
					String unfinished = db
						.single("SELECT version FROM migrator_schema_history ORDER BY id DESC LIMIT 1");
					db.execute("DELETE FROM tally WHERE effect = '" + unfinished + "'");
					assertThat(run(db, scripts, "--migrator.command=repair").exit()).isZero();
					next = run(db, scripts);
				}
				assertThat(next.exit()).as(next.output()).isZero();
				assertThat(db.assertLedgerMatchesTally()).hasSize(scriptCount);
				assertThat(db.tally()).hasSize(scriptCount)
					.allSatisfy((effect, count) -> assertThat(count).as(effect).isOne());
				assertThat(db.advisoryLocks()).isZero();
			}
		}
	}

	@Test
	void killedWhileWaitingForTheLockLeavesTheHoldersLockAndNothingElse() throws SQLException {
		for (int round = 1; round <= Rounds.count(); round++) {
			try (PostgresProbe db = PostgresProbe.create()) {
				TallyScripts scripts = new TallyScripts(this.dir).createTally();
				try (Connection holder = db.connect()) {
					int holderPid = MigrationLockHolder.hold(holder);
					try (SampleAppProcess job = job(db, scripts).start()) {
						job.awaitOutput("Waiting for the migration lock held by pid " + holderPid, TIMEOUT);
						List<Integer> backends = new ArrayList<>(db.backends());
						backends.remove(Integer.valueOf(holderPid));
						job.killHard();
						db.awaitGone(backends, ORPHAN_LIMIT);
					}
					assertThat(db.rows("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND database ="
							+ " (SELECT oid FROM pg_database WHERE datname = current_database())"))
						.as("advisory locks while the test holds its own")
						.containsExactly(String.valueOf(holderPid));
					assertThat(db.exists("migrator_schema_history")).as("history table created by the waiter")
						.isFalse();
				}
				assertThat(db.advisoryLocks()).isZero();
				JobResult next = run(db, scripts);
				assertThat(next.exit()).as(next.output()).isZero();
				assertThat(db.assertLedgerMatchesTally()).containsExactly("1");
			}
		}
	}

	@Test
	void aTransactionalScriptWhoseConnectionTheServerEndsFailsClearlyAndTheNextRunRecovers() {
		try (PostgresProbe db = PostgresProbe.create()) {
			TallyScripts scripts = new TallyScripts(this.dir).createTally().write("V2__slow.sql", transactionalV2(30));
			JobResult ended = runUntilTheServerEndsItsConnection(db, scripts);
			assertThat(ended.exit()).as(ended.output()).isEqualTo(Reason.SCRIPT_FAILED.exitCode());
			assertThat(ended.output()).contains("migrator migrate failed: Migration V2__slow.sql failed at line 3")
				.contains("SQLSTATE 57P01: FATAL: terminating connection due to administrator command")
				.contains("Nothing of it was applied")
				.doesNotContain("Cannot release the migration advisory lock");
			assertThat(db.exists("half_done")).isFalse();
			assertThat(db.ledger()).containsExactly("1 VERSIONED SUCCESS");
			db.assertLedgerMatchesTally();
			assertThat(db.advisoryLocks()).isZero();

			scripts.write("V2__slow.sql", "CREATE TABLE half_done (id INT);\n" + TallyScripts.insert("2"));
			JobResult next = run(db, scripts);
			assertThat(next.exit()).as(next.output()).isZero();
			assertThat(db.assertLedgerMatchesTally()).containsExactly("1", "2");
		}
	}

	@Test
	void aNonTransactionalScriptWhoseConnectionTheServerEndsIsLeftUnfinishedAndSaysSo() {
		try (PostgresProbe db = PostgresProbe.create()) {
			TallyScripts scripts = new TallyScripts(this.dir).createTally()
				.write("V2__backfill.sql", nonTransactionalV2(30));
			JobResult ended = runUntilTheServerEndsItsConnection(db, scripts);
			assertThat(ended.exit()).as(ended.output()).isEqualTo(Reason.SCRIPT_FAILED.exitCode());
			assertThat(ended.output()).contains("Migration V2__backfill.sql failed at line 3")
				.contains("57P01")
				.contains("the history shows the script as UNFINISHED")
				.contains("run repair");
			assertThat(db.ledger()).containsExactly("1 VERSIONED SUCCESS", "2 VERSIONED STARTED");
			db.assertLedgerMatchesTally();
			assertThat(db.advisoryLocks()).isZero();
			JobResult next = run(db, scripts);
			assertThat(next.exit()).isEqualTo(Reason.VALIDATION.exitCode());
			assertThat(next.output()).contains("never finished").contains("repair");
		}
	}

	@Test
	void anUnreachableDatabaseIsRetriedWithBackoffThenNamedByHostAndPortWithoutThePassword() {
		try (PostgresProbe db = PostgresProbe.create(); TcpProxy nothing = TcpProxy.reserve("127.0.0.1", 1)) {
			TallyScripts scripts = new TallyScripts(this.dir).createTally();
			String url = "jdbc:postgresql://127.0.0.1:" + nothing.port() + "/" + db.database().name();
			long start = System.nanoTime();
			try (SampleAppProcess job = SampleAppProcess.builder()
				.postgres(url, db.database().username(), PASSWORD)
				.arg("--migrator.mode=job")
				.arg(scripts.location())
				.arg("--migrator.connect-timeout=4s")
				.start()) {
				assertThat(job.waitForExit(TIMEOUT)).as(job.output()).isEqualTo(Reason.CONNECTION.exitCode());
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(4));
				assertThat(job.output())
					.contains("migrator migrate failed: Cannot connect to the database to migrate"
							+ " after trying for 4 s (migrator.connect-timeout)")
					.contains("127.0.0.1:" + nothing.port())
					.contains("Check that it is running and reachable from here")
					.doesNotContain("trying again for up to 0 s")
					.doesNotContain(PASSWORD);
				// Backoff from 250 ms: several attempts in 4 s, not one per millisecond.
				assertThat(job.output().split("Database not reachable yet", -1).length - 1).isBetween(3, 8);
			}
		}
	}

	@Test
	void aDatabaseThatComesUpDuringTheConnectTimeoutIsUsed() {
		try (PostgresProbe db = PostgresProbe.create()) {
			URI server = URI.create(db.url().substring("jdbc:".length()));
			try (TcpProxy late = TcpProxy.reserve(server.getHost(), (server.getPort() > 0) ? server.getPort() : 5432)) {
				TallyScripts scripts = new TallyScripts(this.dir).createTally();
				String url = "jdbc:postgresql://127.0.0.1:" + late.port() + "/" + db.database().name();
				try (SampleAppProcess job = SampleAppProcess.builder()
					.postgres(url, db.database().username(), db.database().password())
					.arg("--migrator.mode=job")
					.arg(scripts.location())
					.arg("--migrator.connect-timeout=60s")
					.start()) {
					job.awaitOutput("Database not reachable yet", TIMEOUT);
					late.openAfter(Duration.ofSeconds(3));
					assertThat(job.waitForExit(TIMEOUT)).as(job.output()).isZero();
					assertThat(job.output()).contains("Migrated schema from version 0 to 1");
				}
				assertThat(db.assertLedgerMatchesTally()).containsExactly("1");
			}
		}
	}

	private SampleAppProcess.Builder job(PostgresProbe db, TallyScripts scripts, String... arguments) {
		SampleAppProcess.Builder builder = db.app().arg("--migrator.mode=job").arg(scripts.location());
		for (String argument : arguments) {
			builder.arg(argument);
		}
		return builder;
	}

	/**
	 * V2 in a transaction: creates {@code half_done}, counts effect {@code 2}, then
	 * sleeps.
	 */
	private static String transactionalV2(int sleepSeconds) {
		return "CREATE TABLE half_done (id INT);\n" + TallyScripts.insert("2") + "SELECT pg_sleep(" + sleepSeconds
				+ ");\n";
	}

	/**
	 * V2 outside a transaction: counts effect {@code 2/a}, sleeps, then counts
	 * {@code 2/b}.
	 */
	private static String nonTransactionalV2(int sleepSeconds) {
		return "-- migrator:transaction=false\n" + TallyScripts.insert("2/a") + "SELECT pg_sleep(" + sleepSeconds
				+ ");\n" + TallyScripts.insert("2/b");
	}

	private JobResult run(PostgresProbe db, TallyScripts scripts, String... arguments) {
		return job(db, scripts, arguments).run(TIMEOUT);
	}

	/**
	 * Run a job whose scripts include a {@code pg_sleep(30)}, and end its connection from
	 * the server while the sleep runs.
	 */
	private JobResult runUntilTheServerEndsItsConnection(PostgresProbe db, TallyScripts scripts) {
		try (SampleAppProcess job = job(db, scripts).start()) {
			int backend = db.awaitRunning("pg_sleep(30)", TIMEOUT);
			db.execute("SELECT pg_terminate_backend(" + backend + ")");
			return new JobResult(job.waitForExit(TIMEOUT), job.output());
		}
	}

	/**
	 * Start a job whose scripts include a {@code pg_sleep(30)}, SIGKILL it while its
	 * backend runs the sleep, and check that the backend, and every other backend of the
	 * process, ends within seconds, and the lock with it.
	 */
	private void killWhileItSleepsAndAwaitBackends(PostgresProbe db, TallyScripts scripts, int round) {
		try (SampleAppProcess job = job(db, scripts).start()) {
			int backend = db.awaitRunning("pg_sleep(30)", TIMEOUT);
			List<Integer> backends = db.backends();
			assertThat(backends).contains(backend);
			job.killHard();
			Duration gone = db.awaitGone(backends, ORPHAN_LIMIT);
			System.out.printf("kill -9, round %d: backend %d (in pg_sleep(30)) gone after %d ms%n", round, backend,
					gone.toMillis());
			assertThat(db.advisoryLocks()).as("advisory locks after the backends ended").isZero();
		}
	}

	private static void awaitTallyStarted(PostgresProbe db, SampleAppProcess job) {
		job.await("the migrations to start", TIMEOUT,
				() -> db.exists("tally") && db.count("SELECT count(*) FROM tally") > 0);
	}

}
