package io.migrator.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Races between real processes on one database: eight replicas of the sample app start at
 * once (as jobs, and as web servers migrating on start), and an {@code undo} job starts
 * together with a {@code migrate} job. Every round uses a fresh database;
 * {@code -Dreliability.rounds=N} runs more rounds (see {@link Rounds}).
 * <p>
 * What must hold after every round: every process succeeds within a bounded time (no
 * deadlock), every migration's effect happened exactly once and the ledger records each
 * version once, one process did the work, and no advisory lock is left held.
 */
class RacingReplicasIT {

	private static final int REPLICAS = 8;

	private static final int MIGRATIONS = 40;

	/**
	 * Far more than a round needs (about 15 s here): reaching it means something hangs.
	 */
	private static final Duration ROUND_LIMIT = Duration.ofMinutes(3);

	@TempDir
	Path dir;

	@Test
	void eightJobsStartedAtOnceApplyEveryMigrationExactlyOnce() {
		TallyScripts scripts = new TallyScripts(this.dir);
		String concurrently = scripts.race(MIGRATIONS);
		for (int round = 1; round <= Rounds.count(); round++) {
			try (PostgresProbe db = PostgresProbe.create()) {
				long start = System.nanoTime();
				List<String> outputs = new ArrayList<>();
				List<SampleAppProcess> jobs = startAll(
						(i) -> db.app().arg("--migrator.mode=job").arg(scripts.location()));
				try {
					for (SampleAppProcess job : jobs) {
						int exit = job.waitForExit(ROUND_LIMIT);
						assertThat(exit).as("exit code of a job in round %d:%n%s", round, job.output()).isZero();
						outputs.add(job.output());
					}
				}
				finally {
					jobs.forEach(SampleAppProcess::close);
				}
				assertEveryMigrationAppliedOnceByOneProcess(db, outputs, concurrently);
				report("jobs", round, start, outputs);
			}
		}
	}

	@Test
	void eightReplicasMigratingOnStartBecomeReadyWithEveryMigrationAppliedExactlyOnce() {
		TallyScripts scripts = new TallyScripts(this.dir);
		String concurrently = scripts.race(MIGRATIONS);
		for (int round = 1; round <= Rounds.count(); round++) {
			try (PostgresProbe db = PostgresProbe.create()) {
				long start = System.nanoTime();
				// Eight pools of Hikari's default ten would take most of a default
				// server's 100
				// connections; two each are plenty here and leave room for the rest of
				// the machine.
				List<SampleAppProcess> replicas = startAll((i) -> db.app()
					.arg(scripts.location())
					.arg("--spring.datasource.hikari.maximum-pool-size=2")
					.arg("--spring.datasource.hikari.minimum-idle=1"));
				try {
					awaitReady(replicas, round);
					for (SampleAppProcess replica : replicas) {
						assertThat(replica.get("/actuator/health/migrator").body()).contains("\"status\":\"UP\"")
							.contains("\"schemaVersion\":\"" + MIGRATIONS + "\"")
							.contains("\"pending\":0");
					}
					// While every replica still runs: the lock was released, not merely
					// dropped with a session.
					assertEveryMigrationAppliedOnceByOneProcess(db,
							replicas.stream().map(SampleAppProcess::output).toList(), concurrently);
					report("replicas", round, start, replicas.stream().map(SampleAppProcess::output).toList());
				}
				finally {
					replicas.forEach(SampleAppProcess::close);
				}
			}
		}
	}

	@Test
	void anUndoJobAndAMigrateJobStartedTogetherRunOneAfterTheOther() {
		TallyScripts scripts = new TallyScripts(this.dir);
		// Each script sleeps, so that whichever job comes second arrives while the first
		// works.
		scripts.createTally();
		for (int version = 2; version <= 6; version++) {
			scripts.write("V" + version + "__step.sql", "SELECT pg_sleep(0.4);\n" + TallyScripts.insert("" + version));
			scripts.write("U" + version + "__step.sql",
					"SELECT pg_sleep(0.4);\nDELETE FROM tally WHERE effect = '" + version + "';\n");
		}
		int undoFirst = 0;
		for (int round = 1; round <= Rounds.count(); round++) {
			try (PostgresProbe db = PostgresProbe.create()) {
				try (SampleAppProcess setUp = db.app()
					.arg("--migrator.mode=job")
					.arg(scripts.location())
					.arg("--migrator.target=3")
					.start()) {
					assertThat(setUp.waitForExit(ROUND_LIMIT)).as(setUp.output()).isZero();
				}
				SampleAppProcess undo = db.app()
					.arg("--migrator.mode=job")
					.arg(scripts.location())
					.arg("--migrator.command=undo")
					.arg("--migrator.target=1")
					.start();
				SampleAppProcess migrate = db.app().arg("--migrator.mode=job").arg(scripts.location()).start();
				try {
					assertThat(undo.waitForExit(ROUND_LIMIT)).as("undo:%n%s", undo.output()).isZero();
					assertThat(migrate.waitForExit(ROUND_LIMIT)).as("migrate:%n%s", migrate.output()).isZero();
				}
				finally {
					undo.close();
					migrate.close();
				}
				List<String> applied = db.assertLedgerMatchesTally();
				// Undo first: 3 -> 1, then migrate 1 -> 6. Migrate first: 3 -> 6, then
				// undo 6 -> 1.
				assertThat(applied).isIn(List.of("1"), List.of("1", "2", "3", "4", "5", "6"));
				if (applied.size() == 6) {
					undoFirst++;
					assertThat(undo.output()).contains("Undid schema from version 3 to 1");
					assertThat(migrate.output()).contains("Migrated schema from version 1 to 6");
				}
				else {
					assertThat(migrate.output()).contains("Migrated schema from version 3 to 6");
					assertThat(undo.output()).contains("Undid schema from version 6 to 1");
				}
				assertThat(db.advisoryLocks()).isZero();
			}
		}
		System.out.printf("undo and migrate: undo ran first in %d of %d rounds%n", undoFirst, Rounds.count());
	}

	/**
	 * Start every replica before waiting for any, so that they race.
	 */
	private static List<SampleAppProcess> startAll(Function<Integer, SampleAppProcess.Builder> replica) {
		List<SampleAppProcess.Builder> builders = IntStream.range(0, REPLICAS).mapToObj(replica::apply).toList();
		List<SampleAppProcess> started = new ArrayList<>();
		try {
			for (SampleAppProcess.Builder builder : builders) {
				started.add(builder.start());
			}
			return started;
		}
		catch (RuntimeException ex) {
			started.forEach(SampleAppProcess::close);
			throw ex;
		}
	}

	private static void awaitReady(List<SampleAppProcess> replicas, int round) {
		long deadline = System.nanoTime() + ROUND_LIMIT.toNanos();
		for (SampleAppProcess replica : replicas) {
			// One limit for all of them: the time left of it.
			Duration left = Duration.ofNanos(deadline - System.nanoTime());
			try {
				replica.awaitStatus("/actuator/health/readiness", 200, left);
			}
			catch (AssertionError ex) {
				throw new AssertionError("Replica not ready within " + ROUND_LIMIT + " in round " + round, ex);
			}
		}
	}

	private static void assertEveryMigrationAppliedOnceByOneProcess(PostgresProbe db, List<String> outputs,
			String concurrently) {
		Map<String, Long> tally = db.tally();
		List<String> expected = new ArrayList<>(
				IntStream.rangeClosed(1, MIGRATIONS).mapToObj(String::valueOf).toList());
		expected.add("R");
		assertThat(tally.keySet()).containsExactlyElementsOf(expected);
		assertThat(tally.values()).as("how often each migration's effect happened: %s", tally).containsOnly(1L);
		List<String> expectedLedger = new ArrayList<>();
		for (int version = 1; version <= MIGRATIONS; version++) {
			if (String.valueOf(version).equals(concurrently)) {
				expectedLedger.add(version + " VERSIONED STARTED");
			}
			expectedLedger.add(version + " VERSIONED SUCCESS");
		}
		expectedLedger.add("R REPEATABLE SUCCESS");
		assertThat(db.ledger()).containsExactlyElementsOf(expectedLedger);
		db.assertLedgerMatchesTally();
		assertThat(db.count("SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
				+ " WHERE c.relname = 'tally_effect_idx' AND i.indisvalid"))
			.as("valid index built CONCURRENTLY")
			.isOne();
		assertThat(db.advisoryLocks()).as("advisory locks left").isZero();
		assertThat(outputs).as("processes that migrated")
			.filteredOn((output) -> output.contains("Migrated schema from version 0 to " + MIGRATIONS))
			.hasSize(1);
		assertThat(outputs).noneMatch((output) -> output.contains("migrator migrate failed")
				|| output.contains("APPLICATION FAILED TO START"));
	}

	private static void report(String what, int round, long start, List<String> outputs) {
		long waited = outputs.stream().filter((output) -> output.contains("Waiting for the migration lock")).count();
		System.out.printf("%d %s, round %d: done in %d ms; %d waited for the lock, the others found the work done%n",
				REPLICAS, what, round, Duration.ofNanos(System.nanoTime() - start).toMillis(), waited);
	}

}
