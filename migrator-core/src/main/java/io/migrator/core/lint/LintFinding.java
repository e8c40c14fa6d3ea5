package io.migrator.core.lint;

import org.jspecify.annotations.Nullable;

/**
 * One unsafe statement the linter found. A suppressed finding stays in the report, marked
 * with the reason the script gives.
 *
 * @param rule the rule it breaks
 * @param script the script's file name, such as {@code V3__add_index.sql}
 * @param line the 1-based line of the statement (or of the suppression comment the
 * finding is about)
 * @param message what is unsafe and why, and the safe alternative, starting with the
 * script and line
 * @param suppressedBecause the reason of the {@code -- migrator:lint-ignore} comment that
 * suppresses it, or {@code null} when it is not suppressed
 * @since 0.2.0
 */
public record LintFinding(LintRule rule, String script, int line, String message, @Nullable String suppressedBecause) {

	/**
	 * The rule's level.
	 * @return how serious the finding is
	 */
	public LintLevel level() {
		return this.rule.level();
	}

	/**
	 * Whether a comment in the script suppresses the finding.
	 * @return whether it is suppressed
	 */
	public boolean isSuppressed() {
		return this.suppressedBecause != null;
	}

}
