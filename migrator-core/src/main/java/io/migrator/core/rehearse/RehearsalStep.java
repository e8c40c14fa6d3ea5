package io.migrator.core.rehearse;

import java.time.Duration;
import java.util.List;

import io.migrator.core.Version;
import org.jspecify.annotations.Nullable;

/**
 * One script of the rehearsal and what came of it.
 *
 * @param pass which pass ran it
 * @param version the version it applies or undoes
 * @param script its file name, {@code null} for a version without an undo script
 * @param outcome what came of it
 * @param differences where the schema differs from what it should be; empty unless the
 * outcome is {@link Outcome#MISMATCH}
 * @param failure the error, with file, line and SQLSTATE, when the outcome is
 * {@link Outcome#FAILED}
 * @param locks what its statements locked and rewrote of the relations that existed
 * before it (first pass only)
 * @param duration how long the script took
 * @since 0.3.0
 */
public record RehearsalStep(Pass pass, Version version, @Nullable String script, Outcome outcome,
		List<SchemaDifference> differences, @Nullable String failure, List<StatementLocks> locks, Duration duration) {

	public RehearsalStep {
		differences = List.copyOf(differences);
		locks = List.copyOf(locks);
	}

	/**
	 * Whether this step is a problem the rehearsal fails for.
	 * @return whether the script failed or left the schema other than it should be
	 */
	public boolean isProblem() {
		return this.outcome == Outcome.FAILED || this.outcome == Outcome.MISMATCH;
	}

	/**
	 * The three passes, in the order they run.
	 */
	public enum Pass {

		/** Every versioned script, one at a time, from an empty database. */
		UP,

		/**
		 * The undo scripts, newest first, each compared with the schema before its
		 * version.
		 */
		DOWN,

		/**
		 * The undone versions applied again, each compared with the schema the first pass
		 * left.
		 */
		UP_AGAIN

	}

	/**
	 * What came of a step.
	 */
	public enum Outcome {

		/** The script ran and the schema is as it should be. */
		OK,

		/** The script ran but the schema differs from what it should be. */
		MISMATCH,

		/** The script failed. */
		FAILED,

		/** The version has no undo script: the down pass stops here. */
		NO_UNDO

	}

}
