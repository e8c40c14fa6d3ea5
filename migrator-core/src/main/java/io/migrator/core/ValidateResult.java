package io.migrator.core;

import java.util.List;

/**
 * What {@code validate} found wrong, one message per problem, each naming the version and
 * the fix.
 *
 * @param problems the problems, empty when the scripts and the history agree
 * @param info the state the validation looked at
 * @since 0.1.0
 */
public record ValidateResult(List<String> problems, InfoResult info) {

	public ValidateResult {
		problems = List.copyOf(problems);
	}

	/**
	 * Whether the scripts and the history agree.
	 * @return whether there are no problems
	 */
	public boolean isValid() {
		return this.problems.isEmpty();
	}

}
