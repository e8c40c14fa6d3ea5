package io.migrator.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.migrator.core.MigrationException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The races and crashes of {@link RacingReplicasIT} and {@link CrashRecoveryIT} on
 * MariaDB, with real processes of the sample app's jar (profile {@code mariadb}): eight
 * jobs started at once, and a job killed with {@code kill -9} inside a transactional and
 * inside a non-transactional (DDL) script. Each for {@code -Dreliability.rounds=N} rounds
 * on fresh databases.
 * <p>
 * Unlike PostgreSQL's {@code client_connection_check_interval}, MariaDB notices a dead
 * client only when the statement it runs ends; until then the orphaned session keeps the
 * GET_LOCK lock, so a new run waits for it and never overlaps it.
 */
class MariadbReliabilityIT {

	private static final int REPLICAS = 8;

	private static final int MIGRATIONS = 20;

	private static final Duration LIMIT = Duration.ofMinutes(3);

	@TempDir
	Path dir;

	@Test
	void eightJobsStartedAtOnceApplyEveryMigrationExactlyOnce() {
		TallyScripts scripts = tallyRace();
		for (int round = 1; round <= Rounds.count(); round++) {
			try (MariadbProbe db = MariadbProbe.create()) {
				List<SampleAppProcess> jobs = new ArrayList<>();
				List<String> outputs = new ArrayList<>();
				try {
					for (int i = 0; i < REPLICAS; i++) {
						jobs.add(db.app().arg("--migrator.mode=job").arg(scripts.location()).start());
					}
					for (SampleAppProcess job : jobs) {
						assertThat(job.waitForExit(LIMIT)).as("exit code in round %d:%n%s", round, job.output())
							.isZero();
						outputs.add(job.output());
					}
				}
				finally {
					jobs.forEach(SampleAppProcess::close);
				}
				Map<String, Long> expectedTally = new LinkedHashMap<>();
				List<String> expectedLedger = new ArrayList<>();
				for (int version = 1; version <= MIGRATIONS; version++) {
					expectedTally.put(String.valueOf(version), 1L);
					if (version == 1 || version == MIGRATIONS / 2) {
						expectedLedger.add(version + " VERSIONED STARTED"); // DDL: not
																			// transactional
					}
					expectedLedger.add(version + " VERSIONED SUCCESS");
				}
				expectedTally.put("R", 1L);
				expectedLedger.add("R REPEATABLE STARTED");
				expectedLedger.add("R REPEATABLE SUCCESS");
				assertThat(db.tally()).containsExactlyEntriesOf(expectedTally);
				assertThat(db.ledger()).containsExactlyElementsOf(expectedLedger);
				assertThat(outputs).as("processes that migrated")
					.filteredOn((output) -> output.contains("Migrated schema from version 0 to " + MIGRATIONS))
					.hasSize(1);
				assertThat(db.lockHeld()).as("migration lock left held").isFalse();
			}
		}
	}

	@Test
	void killedInsideATransactionalScriptLeavesNothingOfItAndTheNextRunCompletes() {
		for (int round = 1; round <= Rounds.count(); round++) {
			try (MariadbProbe db = MariadbProbe.create()) {
				TallyScripts scripts = tally()
					.write("V2__slow.sql",
							TallyScripts.insert("2/a") + "SELECT SLEEP(6);\n" + TallyScripts.insert("2/b"))
					.write("V3__after.sql", TallyScripts.insert("3"));
				killWhileItSleeps(db, scripts);
				assertThat(db.ledger()).containsExactly("1 VERSIONED STARTED", "1 VERSIONED SUCCESS");
				assertThat(db.tally()).isEqualTo(Map.of("1", 1L));
				assertThat(db.lockHeld()).isFalse();

				scripts.write("V2__slow.sql", TallyScripts.insert("2/a") + TallyScripts.insert("2/b"));
				JobResult next = job(db, scripts).run(LIMIT);
				assertThat(next.exit()).as(next.output()).isZero();
				assertThat(next.output()).contains("Migrated schema from version 1 to 3");
				assertThat(db.tally()).containsOnlyKeys("1", "2/a", "2/b", "3").allSatisfy((effect, count) -> {
					assertThat(count).as(effect).isOne();
				});
			}
		}
	}

	@Test
	void killedInsideADdlScriptStopsTheNextRunUntilRepair() {
		for (int round = 1; round <= Rounds.count(); round++) {
			try (MariadbProbe db = MariadbProbe.create()) {
				TallyScripts scripts = tally()
					.write("V2__ddl.sql",
							"CREATE TABLE half_done (id INT);\n" + "SELECT SLEEP(6);\n" + TallyScripts.insert("2"))
					.write("V3__after.sql", TallyScripts.insert("3"));
				killWhileItSleeps(db, scripts);
				assertThat(db.ledger()).containsExactly("1 VERSIONED STARTED", "1 VERSIONED SUCCESS",
						"2 VERSIONED STARTED");
				assertThat(db.exists("half_done")).as("DDL commits implicitly: it stays").isTrue();
				assertThat(db.lockHeld()).isFalse();

				JobResult blocked = job(db, scripts).run(LIMIT);
				assertThat(blocked.exit()).as(blocked.output()).isEqualTo(Reason.VALIDATION.exitCode());
				assertThat(blocked.output()).contains("Version 2 (V2__ddl.sql) started").contains("repair");

				scripts.write("V2__ddl.sql",
						"CREATE TABLE IF NOT EXISTS half_done (id INT);\n" + TallyScripts.insert("2"));
				assertThat(job(db, scripts).arg("--migrator.command=repair").run(LIMIT).exit()).isZero();
				JobResult next = job(db, scripts).run(LIMIT);
				assertThat(next.exit()).as(next.output()).isZero();
				assertThat(db.tally()).isEqualTo(Map.of("1", 1L, "2", 1L, "3", 1L));
			}
		}
	}

	/**
	 * Start a job, kill it with SIGKILL while its script sleeps, and wait until its
	 * orphaned session has ended (when the sleep does).
	 */
	private static void killWhileItSleeps(MariadbProbe db, TallyScripts scripts) {
		try (SampleAppProcess job = job(db, scripts).start()) {
			db.awaitRunning("SLEEP(6)", LIMIT);
			job.killHard();
			Duration gone = db.awaitNoSessions(Duration.ofSeconds(30));
			System.out.printf("MariaDB: the killed job's session ended %d ms after the kill%n", gone.toMillis());
		}
	}

	private TallyScripts tally() {
		return new TallyScripts(this.dir).write("V1__create_tally.sql",
				"CREATE TABLE tally (effect VARCHAR(20) NOT NULL, at DATETIME(6) NOT NULL DEFAULT NOW(6));\n"
						+ TallyScripts.insert("1"));
	}

	/**
	 * {@code V1} creates the tally, {@code V2} to {@code V20} count themselves, some
	 * after a short sleep, the one in the middle with DDL (an index, so not
	 * transactional), and a repeatable view counts itself.
	 */
	private TallyScripts tallyRace() {
		TallyScripts scripts = tally();
		for (int version = 2; version <= MIGRATIONS; version++) {
			String effect = TallyScripts.insert(String.valueOf(version));
			if (version == MIGRATIONS / 2) {
				scripts.write("V" + version + "__index.sql", "ALTER TABLE tally ADD INDEX tally_effect_idx (effect),"
						+ " ALGORITHM=INPLACE, LOCK=NONE;\n" + effect);
			}
			else if (version % 4 == 0) {
				scripts.write("V" + version + "__slow_step.sql", "SELECT SLEEP(0.1);\n" + effect);
			}
			else {
				scripts.write("V" + version + "__step.sql", effect);
			}
		}
		return scripts.write("R__tally_view.sql",
				"CREATE OR REPLACE VIEW tally_view AS SELECT effect FROM tally;\n" + TallyScripts.insert("R"));
	}

	private static SampleAppProcess.Builder job(MariadbProbe db, TallyScripts scripts) {
		return db.app().arg("--migrator.mode=job").arg(scripts.location());
	}

}
