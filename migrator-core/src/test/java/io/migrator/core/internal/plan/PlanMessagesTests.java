package io.migrator.core.internal.plan;

import io.migrator.core.MigrationState;
import io.migrator.core.MigrationType;
import io.migrator.core.internal.history.HistoryStatus;
import org.junit.jupiter.api.Test;

import static io.migrator.core.internal.plan.TestScripts.v;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlanMessages} turns problems and repairs into sentences with a next step.
 */
class PlanMessagesTests {

	private static final String SUM_A = "a".repeat(52) + "0123456789ab";

	private static final String SUM_B = "b".repeat(64);

	@Test
	void problemSaysWhenTheLedgerRecordedIt() {
		Problem problem = new Problem(MigrationState.FAILED, v("2"), "V2__index.sql", TestLedger.writtenAt(3), SUM_A,
				SUM_A, v("1"));
		assertThat(problem.message()).startsWith("Version 2 (V2__index.sql) failed part-way on 2024-05-01T09:03Z. ")
			.endsWith(PlanMessages.RERUN_ADVICE);
	}

	@Test
	void problemWithoutARecordedTimeLeavesTheTimeOut() {
		Problem problem = new Problem(MigrationState.UNFINISHED, null, "R__views.sql", null, SUM_A, SUM_A, v("1"));
		assertThat(problem.message()).startsWith("Repeatable R__views.sql started and never finished: ")
			.endsWith(PlanMessages.RERUN_ADVICE);
	}

	@Test
	void modifiedProblemShowsBothChecksumsCutToTwelveCharacters() {
		Problem problem = new Problem(MigrationState.MODIFIED, v("2"), "V2__index.sql", null, SUM_A, SUM_B, v("2"));
		assertThat(problem.message()).contains("(recorded checksum aaaaaaaaaaaa…, script now bbbbbbbbbbbb…)")
			.doesNotContain(SUM_A)
			.doesNotContain(SUM_B);
	}

	@Test
	void shortChecksumIsShownWhole() {
		Problem problem = new Problem(MigrationState.MODIFIED, v("2"), "V2__index.sql", null, "abc", null, v("2"));
		assertThat(problem.message()).contains("(recorded checksum abc, script now null)");
	}

	@Test
	void stateWithoutAdviceIsNamedInWords() {
		Problem problem = new Problem(MigrationState.BELOW_BASELINE, v("2"), "V2__index.sql", null, null, null, v("3"));
		assertThat(problem.message()).isEqualTo("Version 2 (V2__index.sql) is below baseline");
	}

	@Test
	void acceptedEditSaysWhichChecksumReplacedWhich() {
		Repair repair = new Repair(v("2"), "index", MigrationType.VERSIONED, "V2__index.sql", SUM_B, null,
				HistoryStatus.REPAIRED, MigrationState.MODIFIED, SUM_A);
		assertThat(repair.change()).isEqualTo(
				"Accepted the edited script of version 2 (V2__index.sql): checksum aaaaaaaaaaaa… is now bbbbbbbbbbbb…");
	}

	@Test
	void clearedRepeatableAttemptNamesTheScript() {
		Repair repair = new Repair(null, "views", MigrationType.REPEATABLE, "R__views.sql", SUM_A, null,
				HistoryStatus.CLEARED, MigrationState.UNFINISHED, SUM_A);
		assertThat(repair.change())
			.isEqualTo("Cleared the unfinished attempt of repeatable R__views.sql (R__views.sql): it is pending again");
	}

	@Test
	void clearedUndoAttemptSaysTheVersionIsAppliedAgain() {
		Repair repair = new Repair(v("2"), "index", MigrationType.UNDO, "U2__index.sql", SUM_A, null,
				HistoryStatus.CLEARED, MigrationState.FAILED, SUM_A);
		assertThat(repair.change()).startsWith("Cleared the failed attempt to undo version 2 (U2__index.sql)")
			.contains("counts as applied again")
			.doesNotContain("pending again");
	}

}
