package io.migrator.core.lint;

import java.time.Duration;
import java.util.List;

import io.migrator.core.MigratorConfig;
import io.migrator.core.internal.lint.Linter;
import io.migrator.core.internal.lint.SchemaFacts;
import io.migrator.core.internal.script.DefaultScriptScanner;
import io.migrator.core.internal.script.ScriptCatalog;
import io.migrator.core.resolve.ScriptScanner;

/**
 * The safety lint without a database, for a project's own tests and CI: every script
 * under the locations, in the order a first migrate runs them. Without the live catalog a
 * table created by an earlier script counts as in use (it was deployed before); only a
 * script's own {@code CREATE TABLE} makes a table new. {@code {vendor}} in a location
 * reads as {@code postgresql}, whose rules these are.
 *
 * @since 0.2.0
 */
public final class ScriptLint {

	private static final Linter LINTER = new Linter();

	private ScriptLint() {
	}

	/**
	 * Lint the scripts under locations on the class path or file system, with migrator's
	 * default lock timeout and no statement timeout.
	 * @param locations such as {@code classpath:db/migration}
	 * @return the findings, suppressed ones included
	 * @throws io.migrator.core.MigrationException with reason {@code INVALID_SCRIPTS}
	 * when a script cannot be read or split, or {@code CONFIGURATION} for a missing
	 * location
	 */
	public static LintReport check(String... locations) {
		return check(new DefaultScriptScanner(Thread.currentThread().getContextClassLoader()), List.of(locations),
				MigratorConfig.DEFAULT_LOCK_TIMEOUT, Duration.ZERO);
	}

	/**
	 * Lint the scripts a scanner finds under locations.
	 * @param scanner lists the files of a location
	 * @param locations the locations
	 * @param lockTimeout the lock timeout migrator sets (a script's own above it is a
	 * finding)
	 * @param statementTimeout the statement timeout migrator sets, zero for none
	 * @return the findings, suppressed ones included
	 */
	public static LintReport check(ScriptScanner scanner, List<String> locations, Duration lockTimeout,
			Duration statementTimeout) {
		List<String> resolved = locations.stream()
			.map((location) -> location.replace("{vendor}", "postgresql"))
			.toList();
		ScriptCatalog catalog = ScriptCatalog.scan(scanner, resolved);
		return LINTER.lint(List.of(), catalog.inRunOrder(), SchemaFacts.offline(lockTimeout, statementTimeout));
	}

}
