package io.migrator.core.lint;

/**
 * What {@code migrate} does with the lint findings of the scripts it is about to run.
 *
 * @since 0.2.0
 */
public enum LintMode {

	/** Do not lint. */
	OFF,

	/** Lint and log every finding; run the scripts anyway. */
	WARN,

	/**
	 * Lint, and refuse to run anything while an unsuppressed finding of level
	 * {@link LintLevel#ERROR} or {@link LintLevel#WARNING} remains.
	 */
	FAIL

}
