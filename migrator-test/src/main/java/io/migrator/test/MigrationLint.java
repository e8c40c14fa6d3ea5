package io.migrator.test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.migrator.core.lint.LintFinding;
import io.migrator.core.lint.LintLevel;
import io.migrator.core.lint.LintReport;
import io.migrator.core.lint.ScriptLint;

/**
 * The safety lint as an assertion for a project's own tests, with no database and no test
 * framework needed (a failure is an {@link AssertionError}, which every framework
 * reports):
 *
 * <pre class="code">
 * &#064;Test
 * void migrationsAreSafe() {
 *     MigrationLint.assertNoUnsuppressedFindings("classpath:db/migration");
 * }
 * </pre>
 *
 * It checks every versioned and repeatable script under the locations, in the order a
 * first migrate runs them, as {@link ScriptLint} does: a table an earlier script creates
 * counts as in use (it was deployed before), only a script's own {@code CREATE TABLE}
 * makes a table new, and {@code {vendor}} in a location reads as {@code postgresql}.
 *
 * @since 0.2.0
 */
public final class MigrationLint {

	/** Where scripts are when no location is given, as for migrator itself. */
	public static final String DEFAULT_LOCATION = "classpath:db/migration";

	private MigrationLint() {
	}

	/**
	 * Lint the scripts under the locations.
	 * @param locations such as {@code classpath:db/migration} or
	 * {@code filesystem:src/main/resources/db/migration}; none means
	 * {@value #DEFAULT_LOCATION}
	 * @return every finding, suppressed ones included
	 * @throws io.migrator.core.MigrationException when a script cannot be read or split,
	 * or a {@code filesystem:} location is not a directory
	 */
	public static LintReport check(String... locations) {
		return ScriptLint.check(orDefault(locations));
	}

	/**
	 * Assert that the scripts under the locations have no unsuppressed finding of level
	 * error or warning (advice never fails), and that there are scripts to check.
	 * @param locations such as {@code classpath:db/migration}; none means
	 * {@value #DEFAULT_LOCATION}
	 * @throws AssertionError listing every such finding as {@code script:line rule —
	 * message}, and how to suppress one with a reason; or when the locations hold no
	 * script
	 * @throws io.migrator.core.MigrationException when a script cannot be read or split
	 */
	public static void assertNoUnsuppressedFindings(String... locations) {
		String[] checked = orDefault(locations);
		LintReport report = ScriptLint.check(checked);
		if (report.scriptsChecked() == 0) {
			throw new AssertionError("No migration scripts found under " + String.join(", ", checked)
					+ ": pass the locations the application's migrator.locations names (with {vendor} as written)");
		}
		assertNoUnsuppressedFindings(report);
	}

	/**
	 * Assert that a report, such as one of
	 * {@link ScriptLint#check(io.migrator.core.resolve.ScriptScanner, List, java.time.Duration, java.time.Duration)}
	 * with the application's own timeouts, has no unsuppressed finding of level error or
	 * warning.
	 * @param report the lint's findings
	 * @throws AssertionError listing every such finding, and how to suppress one
	 */
	public static void assertNoUnsuppressedFindings(LintReport report) {
		List<LintFinding> failing = report.unsuppressed()
			.stream()
			.filter((finding) -> finding.level() != LintLevel.ADVICE)
			.toList();
		if (!failing.isEmpty()) {
			throw new AssertionError(message(failing, report.scriptsChecked()));
		}
	}

	private static String message(List<LintFinding> failing, int scriptsChecked) {
		String findings = failing.stream()
			.map((finding) -> "\n  " + finding.script() + ":" + finding.line() + " " + finding.rule().id() + " — "
					+ withoutPosition(finding))
			.collect(Collectors.joining());
		return "Migration lint: " + count(failing.size(), "unsuppressed finding") + " in "
				+ count(scriptsChecked, "script") + ":" + findings
				+ "\nMake each statement safe, or, where it is safe here, suppress the finding with a reason"
				+ " on the line before the statement, e.g.\n  -- migrator:lint-ignore=" + failing.get(0).rule().id()
				+ " <why it is safe>\nor for a whole script among its leading comments:"
				+ " -- migrator:lint-ignore-file=<rule>[,<rule>] <reason>";
	}

	private static String count(int count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

	/** The message without the "script line n: " it starts with, which the list shows. */
	private static String withoutPosition(LintFinding finding) {
		String position = finding.script() + " line " + finding.line() + ": ";
		String message = finding.message();
		return message.startsWith(position) ? message.substring(position.length()) : message;
	}

	private static String[] orDefault(String[] locations) {
		return (locations.length > 0) ? Arrays.copyOf(locations, locations.length) : new String[] { DEFAULT_LOCATION };
	}

}
