package io.migrator.core.internal.lint;

import io.migrator.core.lint.LintRule;

/**
 * A finding before it is tied to its script and its suppressions.
 *
 * @param rule the rule
 * @param line the statement's line
 * @param problem what is unsafe and why, one or more sentences
 * @param alternative the safe way, usually the rule's own
 */
record Issue(LintRule rule, int line, String problem, String alternative) {

	static Issue of(LintRule rule, int line, String problem) {
		return new Issue(rule, line, problem, rule.safeAlternative());
	}

}
