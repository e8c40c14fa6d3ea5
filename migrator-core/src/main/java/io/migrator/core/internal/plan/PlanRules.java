package io.migrator.core.internal.plan;

import java.util.List;
import java.util.stream.Collectors;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.Version;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import org.jspecify.annotations.Nullable;

/**
 * What a command may do with a plan, decided before anything changes:
 * <ol>
 * <li>{@link #requireValid}: nothing may run while the history and the scripts
 * disagree;</li>
 * <li>{@link #toMigrate}: a migrate target must be a known version at or above the
 * schema's, and the scripts to run are the pending ones up to it;</li>
 * <li>{@link #toUndo}: an undo target must be a known version at or above the baseline,
 * and every version above it needs an undo script; they run newest first.</li>
 * </ol>
 * Each refusal names the setting or the files, and what to do.
 */
public final class PlanRules {

	private PlanRules() {
	}

	/**
	 * Refuse when the plan has problems.
	 * @param plan the plan
	 * @param command the command, for the message
	 * @param table the history table, for the message
	 * @param outOfOrder whether out-of-order versions may be applied
	 * @throws MigrationException with reason {@code VALIDATION} listing every problem
	 */
	public static void requireValid(Plan plan, String command, String table, boolean outOfOrder) {
		List<Problem> problems = plan.problems(outOfOrder);
		if (!problems.isEmpty()) {
			throw new MigrationException(Reason.VALIDATION,
					"Cannot " + command + " " + table + ": the history and the scripts disagree.\n  - "
							+ problems.stream().map(Problem::message).collect(Collectors.joining("\n  - ")));
		}
	}

	/**
	 * The scripts {@code migrate} runs, after checking the target.
	 * @param plan the plan
	 * @param catalog the scripts
	 * @param target the highest version to apply, {@code null} for all
	 * @param outOfOrder whether out-of-order versions are applied
	 * @return the scripts, in order
	 * @throws MigrationException with reason {@code TARGET} for an unknown target or one
	 * below the schema's version
	 */
	public static List<Script> toMigrate(Plan plan, ScriptCatalog catalog, @Nullable Version target,
			boolean outOfOrder) {
		checkMigrateTarget(plan, catalog, target);
		return plan.pending(target, outOfOrder);
	}

	/**
	 * Check a migrate target without planning the run: a start with nothing to do checks
	 * it too.
	 * @param plan the plan
	 * @param catalog the scripts
	 * @param target the target, {@code null} for the latest
	 * @throws MigrationException with reason {@code TARGET} for an unknown target or one
	 * below the schema's version
	 */
	public static void checkMigrateTarget(Plan plan, ScriptCatalog catalog, @Nullable Version target) {
		if (target == null) {
			return;
		}
		if (catalog.versioned(target) == null && plan.info().find(target) == null) {
			throw new MigrationException(Reason.TARGET,
					"Target version " + target
							+ " is not the version of any script (migrator.target): the latest script is version "
							+ catalog.latestVersion() + "; name an existing version");
		}
		if (plan.schemaVersion().isNewerThan(target)) {
			throw new MigrationException(Reason.TARGET,
					"Target version " + target + " is below the schema's version " + plan.schemaVersion()
							+ ": migrate only moves forward. Use undo (migrator.command=undo) to go back");
		}
	}

	/**
	 * The undo scripts that take the schema back to a version, newest first.
	 * @param plan the plan
	 * @param catalog the scripts
	 * @param target the version to go back to; {@link Version#ZERO} for everything
	 * @return the undo scripts
	 * @throws MigrationException with reason {@code TARGET} when the target is unknown or
	 * below the baseline, or a version to revert has no undo script (naming them all)
	 */
	public static List<Script> toUndo(Plan plan, ScriptCatalog catalog, Version target) {
		boolean known = target.equals(Version.ZERO) || catalog.versioned(target) != null
				|| plan.info().find(target) != null;
		if (!known) {
			throw new MigrationException(Reason.TARGET, "Undo target " + target + " is not a version of any script"
					+ " (migrator.target): name an applied version, or 0 to undo everything");
		}
		Version baseline = plan.baselineVersion();
		if (baseline != null && baseline.isNewerThan(target)) {
			throw new MigrationException(Reason.TARGET, "Cannot undo to version " + target + ": the schema was"
					+ " baselined at version " + baseline + " and nothing at or below it was migrated by migrator");
		}
		List<Version> versions = plan.appliedAbove(target);
		List<Version> withoutUndo = versions.stream().filter((v) -> catalog.undo(v) == null).toList();
		if (!withoutUndo.isEmpty()) {
			boolean one = withoutUndo.size() == 1;
			throw new MigrationException(Reason.TARGET,
					"Cannot undo to version " + target + ": " + (one ? "version " : "versions ")
							+ withoutUndo.stream().map(Version::toString).collect(Collectors.joining(", ")) + " "
							+ (one ? "has" : "have") + " no undo script ("
							+ withoutUndo.stream().map((v) -> "U" + v + "__*.sql").collect(Collectors.joining(", "))
							+ "). Nothing was changed. Add the undo scripts, or choose a target at or above version "
							+ withoutUndo.get(0));
		}
		return versions.stream().map(catalog::undo).toList();
	}

}
