package io.migrator.core.internal.plan;

import java.time.Duration;
import java.util.List;

import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationState;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.internal.history.HistoryStatus;
import io.migrator.core.internal.script.ScriptCatalog;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static io.migrator.core.internal.plan.TestLedger.ranWith;
import static io.migrator.core.internal.plan.TestLedger.writtenAt;
import static io.migrator.core.internal.plan.TestScripts.R;
import static io.migrator.core.internal.plan.TestScripts.U2;
import static io.migrator.core.internal.plan.TestScripts.V1;
import static io.migrator.core.internal.plan.TestScripts.V2;
import static io.migrator.core.internal.plan.TestScripts.V3;
import static io.migrator.core.internal.plan.TestScripts.V4;
import static io.migrator.core.internal.plan.TestScripts.VIEWS;
import static io.migrator.core.internal.plan.TestScripts.catalog;
import static io.migrator.core.internal.plan.TestScripts.fileNames;
import static io.migrator.core.internal.plan.TestScripts.script;
import static io.migrator.core.internal.plan.TestScripts.v;
import static io.migrator.core.internal.plan.TestScripts.versioned;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Plan} derives every migration's state from in-memory scripts and ledger rows.
 */
class PlanTests {

	private static final String EDITED_V2 = "ALTER TABLE accounts ADD COLUMN email text NOT NULL;\n";

	@Test
	void withoutAHistoryTableEveryScriptIsPending() {
		Plan plan = Plan.of(catalog(V1, V2, R), null);
		assertThat(states(plan)).containsExactly("V1:PENDING", "V2:PENDING", R + ":PENDING");
		assertThat(plan.info().historyExists()).isFalse();
		assertThat(plan.schemaVersion()).isEqualTo(Version.ZERO);
		assertThat(plan.expectedVersion()).isEqualTo(v("2"));
		assertThat(fileNames(plan.pending(null, false))).containsExactly(V1, V2, R);
		assertSettled(plan);
		assertThat(plan.hasHistory()).isFalse();
		assertThat(plan.baselineVersion()).isNull();
	}

	@Test
	void emptyHistoryTableExistsButRecordsNothing() {
		Plan plan = Plan.of(catalog(V1, V2), List.of());
		assertThat(plan.info().historyExists()).isTrue();
		assertThat(plan.hasHistory()).isFalse();
		assertThat(states(plan)).containsExactly("V1:PENDING", "V2:PENDING");
		assertThat(plan.schemaVersion()).isEqualTo(Version.ZERO);
	}

	@Test
	void appliedVersionsAreAppliedAndSetTheSchemaVersion() {
		ScriptCatalog catalog = catalog(V1, V2, V3);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1", "2").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:APPLIED", "V3:PENDING");
		assertThat(plan.schemaVersion()).isEqualTo(v("2"));
		assertThat(plan.expectedVersion()).isEqualTo(v("3"));
		assertThat(plan.info().isCurrent()).isFalse();
		assertThat(fileNames(plan.pending(null, false))).containsExactly(V3);
		assertThat(plan.problems(false)).isEmpty();
		assertThat(plan.hasHistory()).isTrue();
		MigrationInfo two = info(plan, "2");
		assertThat(two.script()).isEqualTo(V2);
		assertThat(two.type()).isEqualTo(MigrationType.VERSIONED);
		assertThat(two.checksum()).isEqualTo(versioned(catalog, "2").checksum());
		assertThat(two.installedOn()).isEqualTo(writtenAt(2));
		assertThat(two.installedBy()).isEqualTo(TestLedger.USER);
		assertThat(two.executionTime()).isEqualTo(Duration.ofMillis(40));
		MigrationInfo three = info(plan, "3");
		assertThat(three.checksum()).isEqualTo(versioned(catalog, "3").checksum());
		assertThat(three.installedOn()).isNull();
	}

	@Test
	void failedAttemptBlocksMigrateUntilRepaired() {
		ScriptCatalog catalog = catalog(V1, V2, V3);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").failed("2").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:FAILED", "V3:PENDING");
		assertThat(plan.schemaVersion()).isEqualTo(v("1"));
		assertThat(plan.problems(true)).hasSize(1);
		Problem problem = onlyProblem(plan);
		assertThat(problem.state()).isEqualTo(MigrationState.FAILED);
		assertThat(problem.version()).isEqualTo(v("2"));
		assertThat(problem.script()).isEqualTo(V2);
		assertThat(problem.recordedOn()).isEqualTo(writtenAt(2));
		assertThat(problem.message()).contains("Version 2 (" + V2 + ") failed part-way", "migrator.command=repair");
		Repair repair = onlyRepair(plan);
		assertThat(repair.status()).isEqualTo(HistoryStatus.CLEARED);
		assertThat(repair.settles()).isEqualTo(MigrationState.FAILED);
		assertThat(repair.version()).isEqualTo(v("2"));
		assertThat(repair.type()).isEqualTo(MigrationType.VERSIONED);
		assertThat(repair.script()).isEqualTo(V2);
		assertThat(repair.checksum()).isEqualTo(versioned(catalog, "2").checksum());
		assertThat(repair.change())
			.isEqualTo("Cleared the failed attempt of version 2 (" + V2 + "): it is pending again");
	}

	@Test
	void failedAttemptClosedByLaterSuccessIsApplied() {
		ScriptCatalog catalog = catalog(V1, V2);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").failed("2").applied("2").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:APPLIED");
		assertThat(plan.schemaVersion()).isEqualTo(v("2"));
		assertSettled(plan);
	}

	@Test
	void failedAttemptClosedByClearedRowIsPendingAgain() {
		ScriptCatalog catalog = catalog(V1, V2, V3);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").failed("2").repair(catalog).rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:PENDING", "V3:PENDING");
		assertThat(plan.schemaVersion()).isEqualTo(v("1"));
		assertThat(fileNames(plan.pending(null, false))).containsExactly(V2, V3);
		assertSettled(plan);
	}

	@Test
	void startedAttemptWithNothingAfterIsUnfinished() {
		ScriptCatalog catalog = catalog(V1, V2);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").started("2").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:UNFINISHED");
		assertThat(plan.schemaVersion()).isEqualTo(v("1"));
		Problem problem = onlyProblem(plan);
		assertThat(problem.state()).isEqualTo(MigrationState.UNFINISHED);
		assertThat(problem.message()).contains("Version 2 (" + V2 + ") started", "never finished",
				"migrator.command=repair");
		Repair repair = onlyRepair(plan);
		assertThat(repair.status()).isEqualTo(HistoryStatus.CLEARED);
		assertThat(repair.settles()).isEqualTo(MigrationState.UNFINISHED);
		assertThat(repair.change()).contains("unfinished attempt of version 2 (" + V2 + ")");
	}

	@Test
	void startedAttemptFollowedBySuccessIsApplied() {
		ScriptCatalog catalog = catalog(V1, V2);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").started("2").applied("2").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:APPLIED");
		assertThat(plan.problems(false)).isEmpty();
	}

	@Test
	void editedScriptIsModifiedAndBlocksMigrate() {
		ScriptCatalog released = catalog(V1, V2);
		ScriptCatalog edited = catalog(List.of(script(V1), script(V2, EDITED_V2)));
		Plan plan = Plan.of(edited, ranWith(released).applied("1", "2").rows());
		String recorded = versioned(released, "2").checksum();
		String now = versioned(edited, "2").checksum();
		assertThat(now).isNotEqualTo(recorded);
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:MODIFIED");
		assertThat(plan.schemaVersion()).isEqualTo(v("2"));
		assertThat(plan.pending(null, false)).isEmpty();
		assertThat(info(plan, "2").checksum()).isEqualTo(recorded);
		Problem problem = onlyProblem(plan);
		assertThat(problem.state()).isEqualTo(MigrationState.MODIFIED);
		assertThat(problem.recordedChecksum()).isEqualTo(recorded);
		assertThat(problem.scriptChecksum()).isEqualTo(now);
		assertThat(problem.message()).contains("Version 2 (" + V2 + ") was changed after it was applied",
				recorded.substring(0, 12), now.substring(0, 12), "new version", "run repair");
		Repair repair = onlyRepair(plan);
		assertThat(repair.status()).isEqualTo(HistoryStatus.REPAIRED);
		assertThat(repair.settles()).isEqualTo(MigrationState.MODIFIED);
		assertThat(repair.type()).isEqualTo(MigrationType.VERSIONED);
		assertThat(repair.script()).isEqualTo(V2);
		assertThat(repair.checksum()).isEqualTo(now);
		assertThat(repair.recordedChecksum()).isEqualTo(recorded);
		assertThat(repair.change()).contains("version 2 (" + V2 + ")", recorded.substring(0, 12), now.substring(0, 12));
	}

	@Test
	void repairedRowWithTheNewChecksumMakesItAppliedAgain() {
		ScriptCatalog edited = catalog(List.of(script(V1), script(V2, EDITED_V2)));
		Plan plan = Plan.of(edited, ranWith(catalog(V1, V2)).applied("1", "2").repair(edited).rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:APPLIED");
		assertThat(plan.schemaVersion()).isEqualTo(v("2"));
		assertSettled(plan);
	}

	/**
	 * After a repair the ledger's checksum for the version is the one repair recorded:
	 * that is what info shows, and what a later edit is compared with and reported
	 * against.
	 */
	@Test
	void checksumAcceptedByRepairIsTheRecordedChecksumFromThenOn() {
		ScriptCatalog edited = catalog(List.of(script(V1), script(V2, EDITED_V2)));
		TestLedger ledger = ranWith(catalog(V1, V2)).applied("1", "2").repair(edited);
		String accepted = versioned(edited, "2").checksum();
		Plan repaired = Plan.of(edited, ledger.rows());
		ScriptCatalog editedAgain = catalog(List.of(script(V1), script(V2, EDITED_V2 + "-- and again\n")));
		Plan plan = Plan.of(editedAgain, ledger.rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:MODIFIED");
		SoftAssertions.assertSoftly((softly) -> {
			softly.assertThat(info(repaired, "2").checksum())
				.as("checksum info shows after the repair")
				.isEqualTo(accepted);
			softly.assertThat(onlyProblem(plan).recordedChecksum())
				.as("recorded checksum of the next edit")
				.isEqualTo(accepted);
			softly.assertThat(onlyProblem(plan).message()).as("problem message").contains(accepted.substring(0, 12));
			softly.assertThat(onlyRepair(plan).recordedChecksum())
				.as("recorded checksum the next repair replaces")
				.isEqualTo(accepted);
		});
	}

	@Test
	void appliedVersionWhoseScriptIsGoneBelowTheLatestIsMissing() {
		ScriptCatalog shipped = catalog(V1, V3);
		Plan plan = Plan.of(shipped, ranWith(catalog(V1, V2, V3)).applied("1", "2", "3").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:MISSING", "V3:APPLIED");
		assertThat(plan.schemaVersion()).isEqualTo(v("3"));
		assertThat(info(plan, "2").script()).isEqualTo(V2);
		assertThat(info(plan, "2").needsAttention()).isTrue();
		Problem problem = onlyProblem(plan);
		assertThat(problem.state()).isEqualTo(MigrationState.MISSING);
		assertThat(problem.version()).isEqualTo(v("2"));
		assertThat(problem.script()).isEqualTo(V2);
		assertThat(problem.message()).contains("Version 2 (" + V2 + ")", "no longer ships", "Restore the script");
		assertThat(plan.repairs()).isEmpty();
	}

	@Test
	void appliedVersionAboveEveryScriptIsFutureAndDoesNotBlock() {
		Plan plan = Plan.of(catalog(V1, V2), ranWith(catalog(V1, V2, V3)).applied("1", "2", "3").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:APPLIED", "V3:FUTURE");
		assertThat(plan.schemaVersion()).isEqualTo(v("3"));
		assertThat(plan.expectedVersion()).isEqualTo(v("2"));
		assertThat(plan.info().isCurrent()).isTrue();
		assertThat(info(plan, "3").script()).isEqualTo(V3);
		assertThat(plan.problems(false)).isEmpty();
		assertThat(plan.pending(null, false)).isEmpty();
		assertThat(plan.repairs()).isEmpty();
	}

	@Test
	void undoneVersionStillShippedIsPendingAgain() {
		ScriptCatalog catalog = catalog(V1, V2, U2);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1", "2").undone("2").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:PENDING");
		assertThat(plan.schemaVersion()).isEqualTo(v("1"));
		assertThat(fileNames(plan.pending(null, false))).containsExactly(V2);
		assertThat(plan.appliedAbove(Version.ZERO)).containsExactly(v("1"));
		assertThat(plan.problems(false)).isEmpty();
	}

	@Test
	void undoneVersionNoLongerShippedIsUndone() {
		Plan plan = Plan.of(catalog(V1), ranWith(catalog(V1, V2, U2)).applied("1", "2").undone("2").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:UNDONE");
		assertThat(plan.schemaVersion()).isEqualTo(v("1"));
		assertThat(plan.info().isCurrent()).isTrue();
		assertThat(plan.pending(null, false)).isEmpty();
		assertThat(plan.problems(false)).isEmpty();
		assertThat(plan.appliedAbove(Version.ZERO)).containsExactly(v("1"));
	}

	@Test
	void versionAppliedAgainAfterItsUndoIsApplied() {
		ScriptCatalog catalog = catalog(V1, V2, U2);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1", "2").undone("2").applied("2").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:APPLIED");
		assertThat(plan.schemaVersion()).isEqualTo(v("2"));
	}

	@Test
	void baselineCoversTheVersionsAtOrBelowIt() {
		Plan plan = Plan.of(catalog(V1, V2, V3), ranWith(catalog()).baseline("2").rows());
		assertThat(states(plan)).containsExactly("B2:BASELINE", "V1:BELOW_BASELINE", "V2:BELOW_BASELINE", "V3:PENDING");
		assertThat(plan.baselineVersion()).isEqualTo(v("2"));
		assertThat(plan.schemaVersion()).isEqualTo(v("2"));
		assertThat(plan.hasHistory()).isTrue();
		assertThat(fileNames(plan.pending(null, false))).containsExactly(V3);
		assertThat(fileNames(plan.pending(null, true))).containsExactly(V3);
		assertThat(plan.problems(false)).isEmpty();
		assertThat(plan.appliedAbove(Version.ZERO)).isEmpty();
	}

	@Test
	void baselineAboveEveryScriptIsTheSchemaVersion() {
		Plan plan = Plan.of(catalog(V1, V2), ranWith(catalog()).baseline("5").rows());
		assertThat(states(plan)).containsExactly("B5:BASELINE", "V1:BELOW_BASELINE", "V2:BELOW_BASELINE");
		assertThat(plan.schemaVersion()).isEqualTo(v("5"));
		assertThat(plan.info().isCurrent()).isTrue();
		assertThat(plan.pending(null, false)).isEmpty();
	}

	@Test
	void versionAddedBelowTheSchemaVersionIsOutOfOrderAndBlocksByDefault() {
		Plan plan = outOfOrderPlan();
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:OUT_OF_ORDER", "V3:APPLIED", "V4:PENDING");
		assertThat(plan.schemaVersion()).isEqualTo(v("3"));
		assertThat(plan.info().pendingCount()).isEqualTo(2);
		assertThat(fileNames(plan.pending(null, false))).containsExactly(V4);
		Problem problem = onlyProblem(plan);
		assertThat(problem.state()).isEqualTo(MigrationState.OUT_OF_ORDER);
		assertThat(problem.version()).isEqualTo(v("2"));
		assertThat(problem.schemaVersion()).isEqualTo(v("3"));
		assertThat(problem.message()).contains("Version 2 (" + V2 + ") is pending", "version 3 is already applied",
				"migrator.out-of-order=true");
		assertThat(plan.repairs()).isEmpty();
	}

	@Test
	void outOfOrderVersionRunsWhenAllowed() {
		Plan plan = outOfOrderPlan();
		assertThat(plan.problems(true)).isEmpty();
		assertThat(fileNames(plan.pending(null, true))).containsExactly(V2, V4);
		assertThat(fileNames(plan.pending(v("3"), true))).containsExactly(V2);
	}

	@Test
	void newRepeatableIsPendingAfterTheVersionedScripts() {
		ScriptCatalog catalog = catalog(V1, V2, R);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:PENDING", R + ":PENDING");
		assertThat(fileNames(plan.pending(null, false))).containsExactly(V2, R);
	}

	@Test
	void unchangedRepeatableIsApplied() {
		ScriptCatalog catalog = catalog(V1, R);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").appliedRepeatable(VIEWS).rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", R + ":APPLIED");
		assertThat(plan.pending(null, false)).isEmpty();
		assertThat(plan.schemaVersion()).isEqualTo(v("1"));
	}

	@Test
	void changedRepeatableIsPendingWithoutBlocking() {
		ScriptCatalog changed = catalog(List.of(script(V1), script(R, "CREATE OR REPLACE VIEW active AS SELECT 2;\n")));
		Plan plan = Plan.of(changed, ranWith(catalog(V1, R)).applied("1").appliedRepeatable(VIEWS).rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", R + ":PENDING");
		assertThat(fileNames(plan.pending(null, false))).containsExactly(R);
		assertSettled(plan);
	}

	@Test
	void repeatableAppliedBeforeTheLastUndoIsPendingAgain() {
		ScriptCatalog catalog = catalog(V1, V2, U2, R);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1", "2").appliedRepeatable(VIEWS).undone("2").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:PENDING", R + ":PENDING");
		assertThat(fileNames(plan.pending(null, false))).containsExactly(V2, R);
	}

	@Test
	void repeatableAppliedAgainAfterTheUndoIsApplied() {
		ScriptCatalog catalog = catalog(V1, V2, U2, R);
		Plan plan = Plan.of(catalog,
				ranWith(catalog).applied("1", "2")
					.appliedRepeatable(VIEWS)
					.undone("2")
					.applied("2")
					.appliedRepeatable(VIEWS)
					.rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:APPLIED", R + ":APPLIED");
		assertThat(plan.pending(null, false)).isEmpty();
	}

	@Test
	void failedRepeatableBlocksMigrateUntilCleared() {
		ScriptCatalog catalog = catalog(V1, R);
		TestLedger ledger = ranWith(catalog).applied("1").failedRepeatable(VIEWS);
		Plan plan = Plan.of(catalog, ledger.rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", R + ":FAILED");
		Problem problem = onlyProblem(plan);
		assertThat(problem.state()).isEqualTo(MigrationState.FAILED);
		assertThat(problem.version()).isNull();
		assertThat(problem.message()).contains("Repeatable " + R + " failed part-way", "migrator.command=repair");
		Repair repair = onlyRepair(plan);
		assertThat(repair.status()).isEqualTo(HistoryStatus.CLEARED);
		assertThat(repair.type()).isEqualTo(MigrationType.REPEATABLE);
		assertThat(repair.version()).isNull();
		assertThat(repair.change()).contains("failed attempt of repeatable " + R);
		Plan cleared = Plan.of(catalog, ledger.repaired(repair).rows());
		assertThat(states(cleared)).containsExactly("V1:APPLIED", R + ":PENDING");
		assertThat(fileNames(cleared.pending(null, false))).containsExactly(R);
		assertThat(cleared.problems(false)).isEmpty();
	}

	@Test
	void unfinishedRepeatableBlocksMigrate() {
		ScriptCatalog catalog = catalog(V1, R);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").startedRepeatable(VIEWS).rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", R + ":UNFINISHED");
		assertThat(onlyProblem(plan).state()).isEqualTo(MigrationState.UNFINISHED);
		assertThat(onlyProblem(plan).message()).contains("Repeatable " + R + " started", "never finished");
		assertThat(onlyRepair(plan).settles()).isEqualTo(MigrationState.UNFINISHED);
	}

	@Test
	void repeatableNoLongerShippedIsMissingWithoutBlocking() {
		Plan plan = Plan.of(catalog(V1), ranWith(catalog(V1, R)).applied("1").appliedRepeatable(VIEWS).rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", R + ":MISSING");
		assertThat(plan.info().inState(MigrationState.MISSING).get(0).needsAttention()).isFalse();
		assertThat(plan.problems(false)).isEmpty();
		assertThat(plan.pending(null, false)).isEmpty();
		assertThat(plan.hasHistory()).isTrue();
	}

	@Test
	void pendingStopsAtTheTargetAndRunsRepeatablesOnlyForTheLatest() {
		Plan plan = Plan.of(catalog(V1, V2, V3, R), null);
		assertThat(fileNames(plan.pending(v("2"), false))).containsExactly(V1, V2);
		assertThat(fileNames(plan.pending(v("3"), false))).containsExactly(V1, V2, V3, R);
		assertThat(fileNames(plan.pending(v("7"), false))).containsExactly(V1, V2, V3, R);
		assertThat(fileNames(plan.pending(null, false))).containsExactly(V1, V2, V3, R);
	}

	@Test
	void goalIsATargetBelowTheLatestOtherwiseTheLatest() {
		Plan plan = Plan.of(catalog(V1, V2, V3), null);
		assertThat(plan.goal(null)).isEqualTo(v("3"));
		assertThat(plan.goal(v("2"))).isEqualTo(v("2"));
		assertThat(plan.goal(v("3"))).isEqualTo(v("3"));
		assertThat(plan.goal(v("7"))).isEqualTo(v("3"));
	}

	@Test
	void versionAfterARunIsTheHighestVersionLeftInTheSchema() {
		ScriptCatalog catalog = catalog(V1, V2, U2, V3);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1", "2").rows());
		assertThat(plan.versionAfter(List.of(), List.of())).isEqualTo(v("2"));
		assertThat(plan.versionAfter(List.of(v("3")), List.of())).isEqualTo(v("3"));
		assertThat(plan.versionAfter(List.of(), List.of(v("2")))).isEqualTo(v("1"));
		assertThat(plan.versionAfter(List.of(), List.of(v("2"), v("1")))).isEqualTo(Version.ZERO);
	}

	@Test
	void versionAfterUndoingEverythingAboveTheBaselineIsTheBaseline() {
		ScriptCatalog catalog = catalog(V1, V2, U2);
		Plan plan = Plan.of(catalog, ranWith(catalog).baseline("1").applied("2").rows());
		assertThat(plan.schemaVersion()).isEqualTo(v("2"));
		assertThat(plan.versionAfter(List.of(), List.of(v("2")))).isEqualTo(v("1"));
	}

	@Test
	void appliedAboveListsTheVersionsInTheSchemaNewestFirstAndNeverTheBaselined() {
		ScriptCatalog released = catalog(V1, V2, V3, V4);
		Plan plan = Plan.of(catalog(V1, V2, V3), ranWith(released).baseline("1").applied("2", "3", "4").rows());
		assertThat(states(plan)).containsExactly("B1:BASELINE", "V1:BELOW_BASELINE", "V2:APPLIED", "V3:APPLIED",
				"V4:FUTURE");
		assertThat(plan.appliedAbove(Version.ZERO)).containsExactly(v("4"), v("3"), v("2"));
		assertThat(plan.appliedAbove(v("2"))).containsExactly(v("4"), v("3"));
		assertThat(plan.appliedAbove(v("4"))).isEmpty();
	}

	@Test
	void appliedAboveLeavesOutAFailedAttempt() {
		ScriptCatalog catalog = catalog(V1, V2);
		Plan plan = Plan.of(catalog, ranWith(catalog).applied("1").failed("2").rows());
		assertThat(plan.appliedAbove(Version.ZERO)).containsExactly(v("1"));
	}

	@Test
	void anAttemptAloneIsHistory() {
		ScriptCatalog catalog = catalog(V1, R);
		assertThat(Plan.of(catalog, ranWith(catalog).failed("1").rows()).hasHistory()).isTrue();
		assertThat(Plan.of(catalog, ranWith(catalog).startedRepeatable(VIEWS).rows()).hasHistory()).isTrue();
	}

	@Test
	void problemsComeInVersionOrderThenRepeatablesAndRepairsSettleAllButMissing() {
		ScriptCatalog released = catalog(V1, V2, V3, V4, R);
		ScriptCatalog shipped = catalog(
				List.of(script(V1, "CREATE TABLE accounts (id bigint);\n"), script(V3), script(V4), script(R)));
		Plan plan = Plan.of(shipped,
				ranWith(released).failedRepeatable(VIEWS).applied("1", "2", "3").failed("4").rows());
		assertThat(plan.problems(false)).extracting(Problem::state)
			.containsExactly(MigrationState.MODIFIED, MigrationState.MISSING, MigrationState.FAILED,
					MigrationState.FAILED);
		assertThat(plan.problems(false)).extracting(Problem::script).containsExactly(V1, V2, V4, R);
		assertThat(plan.repairs()).extracting(Repair::script).containsExactly(V1, V4, R);
		assertThat(plan.repairs()).extracting(Repair::status)
			.containsExactly(HistoryStatus.REPAIRED, HistoryStatus.CLEARED, HistoryStatus.CLEARED);
	}

	@Test
	void ledgerVersionsMatchScriptsWhateverTheTrailingZeros() {
		String text = "CREATE TABLE accounts (id bigint);\n";
		ScriptCatalog released = catalog(List.of(script("V1.0__create_accounts.sql", text), script(V2)));
		Plan plan = Plan.of(catalog(List.of(script(V1, text), script(V2))), ranWith(released).applied("1", "2").rows());
		assertThat(states(plan)).containsExactly("V1:APPLIED", "V2:APPLIED");
		assertThat(plan.schemaVersion()).isEqualTo(v("2"));
	}

	/**
	 * Versions 1 and 3 were applied; the next release adds versions 2 and 4.
	 */
	private static Plan outOfOrderPlan() {
		return Plan.of(catalog(V1, V2, V3, V4), ranWith(catalog(V1, V3)).applied("1", "3").rows());
	}

	private static List<String> states(Plan plan) {
		return plan.info().migrations().stream().map(PlanTests::label).toList();
	}

	private static String label(MigrationInfo info) {
		String name = (info.type() == MigrationType.REPEATABLE) ? info.script()
				: info.type().prefix() + info.versionText();
		return name + ":" + info.state();
	}

	private static MigrationInfo info(Plan plan, String version) {
		MigrationInfo info = plan.info().find(v(version));
		assertThat(info).as("info of version %s", version).isNotNull();
		return info;
	}

	/**
	 * Nothing blocks migrate, and repair has nothing to do.
	 */
	private static void assertSettled(Plan plan) {
		assertThat(plan.problems(false)).isEmpty();
		assertThat(plan.repairs()).isEmpty();
	}

	private static Problem onlyProblem(Plan plan) {
		assertThat(plan.problems(false)).hasSize(1);
		return plan.problems(false).get(0);
	}

	private static Repair onlyRepair(Plan plan) {
		assertThat(plan.repairs()).hasSize(1);
		return plan.repairs().get(0);
	}

}
