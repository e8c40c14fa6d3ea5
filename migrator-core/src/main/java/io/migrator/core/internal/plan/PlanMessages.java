package io.migrator.core.internal.plan;

import java.util.Locale;

import io.migrator.core.MigrationState;
import io.migrator.core.MigrationType;
import org.jspecify.annotations.Nullable;

/**
 * What the plan's findings mean for people: each problem with its next step, each repair
 * as a sentence. Kept apart from the derivation so that the rules can be read (and
 * tested) without the prose.
 */
public final class PlanMessages {

	/**
	 * What to do about a non-transactional script that failed or never finished; the
	 * executor gives the same advice when it fails.
	 */
	public static final String RERUN_ADVICE = "Revert what it applied (for CREATE INDEX CONCURRENTLY, drop the"
			+ " INVALID index) or make the script safe to run again (e.g. with IF NOT EXISTS), then run repair"
			+ " (migrator.command=repair): the next migrate runs it again from its first statement";

	private PlanMessages() {
	}

	static String problem(Problem problem) {
		String what = (problem.version() != null) ? "Version " + problem.version() + " (" + problem.script() + ")"
				: "Repeatable " + problem.script();
		String when = (problem.recordedOn() != null) ? " on " + problem.recordedOn() : "";
		return switch (problem.state()) {
			case FAILED -> what + " failed part-way" + when + ". It is not transactional, so the statements before"
					+ " the failing one stay applied. " + RERUN_ADVICE;
			case UNFINISHED -> what + " started" + when + " and never finished: the process running it stopped"
					+ " (crash, kill or lost connection). It is not transactional, so some of its statements may"
					+ " have taken effect (for CREATE INDEX CONCURRENTLY, an INVALID index). " + RERUN_ADVICE;
			case MODIFIED -> what + " was changed after it was applied (recorded checksum "
					+ shortSum(problem.recordedChecksum()) + ", script now " + shortSum(problem.scriptChecksum())
					+ "). Restore the applied content and put the change in a new version; if the edit is harmless"
					+ " (a comment, formatting), run repair to accept it";
			case MISSING -> what + " is applied but the application no longer ships its script."
					+ " Restore the script (an applied version must stay in the application)";
			case OUT_OF_ORDER -> what + " is pending, but version " + problem.schemaVersion() + " is already"
					+ " applied. Give it a version above " + problem.schemaVersion()
					+ ", or set migrator.out-of-order=true to apply it anyway";
			default -> what + " is " + name(problem.state());
		};
	}

	static String repair(Repair repair) {
		if (repair.settles() == MigrationState.MODIFIED) {
			return "Accepted the edited script of version " + repair.version() + " (" + repair.script() + "): checksum "
					+ shortSum(repair.recordedChecksum()) + " is now " + shortSum(repair.checksum());
		}
		if (repair.type() == MigrationType.UNDO) {
			return "Cleared the " + name(repair.settles()) + " attempt to undo version " + repair.version() + " ("
					+ repair.script() + "): the version counts as applied again, and undo runs its script again from"
					+ " its first statement";
		}
		String label = (repair.version() != null) ? "version " + repair.version() : "repeatable " + repair.script();
		return "Cleared the " + name(repair.settles()) + " attempt of " + label + " (" + repair.script()
				+ "): it is pending again";
	}

	private static String name(MigrationState state) {
		return state.name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	private static String shortSum(@Nullable String checksum) {
		return (checksum != null && checksum.length() > 12) ? checksum.substring(0, 12) + "…"
				: String.valueOf(checksum);
	}

}
