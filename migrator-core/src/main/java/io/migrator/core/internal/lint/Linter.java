package io.migrator.core.internal.lint;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.internal.execute.PreparedScript;
import io.migrator.core.internal.execute.ScriptPreparer;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptText;
import io.migrator.core.internal.sql.PostgresStatementClassifier;
import io.migrator.core.lint.LintFinding;
import io.migrator.core.lint.LintReport;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL safety lint. For one run:
 * <ol>
 * <li>read the earlier scripts (applied, or deployed before) for the tables they create:
 * those are in use;</li>
 * <li>prepare each script to check as the runner does ({@link ScriptPreparer}: the same
 * directives, statements, classification and decision whether it runs in one
 * transaction), so a script that cannot run fails here with the runner's
 * {@link MigrationException};</li>
 * <li>check its statements in order ({@link ScriptCheck}); a table it creates is new for
 * the rest of the run, or, without a database (offline), only for the rest of its own
 * script: offline every earlier script was deployed before;</li>
 * <li>mark the findings its {@code -- migrator:lint-ignore} comments suppress, and add
 * the comments that are findings themselves ({@link Suppressions}).</li>
 * </ol>
 * The linter never reports a missing {@code lock_timeout}: migrator sets one for every
 * script. Stateless and thread-safe.
 *
 * @since 0.2.0
 */
public final class Linter {

	private final ScriptPreparer preparer = new ScriptPreparer(new PostgresStatementClassifier());

	/**
	 * Checks the scripts of a run.
	 * @param earlierScripts the scripts that ran (or were deployed) before, in any order:
	 * the tables they create are in use
	 * @param toCheck the scripts to check, in the order they will run
	 * @param facts what is known of the database
	 * @return the findings, by script in run order, then by line
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} when a script cannot
	 * be read or split
	 */
	public LintReport lint(List<Script> earlierScripts, List<Script> toCheck, SchemaFacts facts) {
		List<PreparedScript> prepared = new ArrayList<>(toCheck.size());
		for (Script script : toCheck) {
			prepared.add(this.preparer.prepare(script, script.type()));
		}
		return lintPrepared(earlierScripts, prepared, facts);
	}

	/**
	 * Checks scripts the runner has prepared already, so a deploy reads and classifies
	 * each of them once, for the lint and the run alike.
	 * @param earlierScripts the scripts that ran (or were deployed) before, in any order:
	 * the tables they create are in use
	 * @param toCheck the prepared scripts, in the order they will run
	 * @param facts what is known of the database
	 * @return the findings, by script in run order, then by line
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} when a script cannot
	 * be read
	 */
	public LintReport lintPrepared(List<Script> earlierScripts, List<PreparedScript> toCheck, SchemaFacts facts) {
		RunTables tables = new RunTables(facts);
		for (Script script : earlierScripts) {
			try (ScriptPreparer.Statements statements = this.preparer
				.statements(this.preparer.prepare(script, script.type()))) {
				statements.forEachRemaining(tables::earlier);
			}
		}
		List<LintFinding> findings = new ArrayList<>();
		for (PreparedScript script : toCheck) {
			findings.addAll(check(script, facts, tables));
			if (!facts.live()) {
				// Offline, every earlier script was deployed before this one.
				tables.deployed();
			}
		}
		return new LintReport(findings, toCheck.size());
	}

	private List<LintFinding> check(PreparedScript prepared, SchemaFacts facts, RunTables tables) {
		Script script = prepared.script();
		ScriptCheck check = new ScriptCheck(facts, tables, prepared.transactional());
		List<Issue> issues = new ArrayList<>();
		try (ScriptPreparer.Statements statements = this.preparer.statements(prepared)) {
			while (statements.hasNext()) {
				check.statement(statements.next(), issues);
			}
		}
		Suppressions suppressions = suppressions(prepared);
		String name = script.fileName();
		List<LintFinding> findings = new ArrayList<>();
		for (Issue issue : issues) {
			findings.add(finding(name, issue, suppressions.reasonFor(issue.rule(), issue.line())));
		}
		for (Issue problem : suppressions.problems()) {
			findings.add(finding(name, problem, null));
		}
		findings.sort(Comparator.comparingInt(LintFinding::line));
		return findings;
	}

	private static LintFinding finding(String script, Issue issue, @Nullable String suppressedBecause) {
		return new LintFinding(issue.rule(), script, issue.line(),
				script + " line " + issue.line() + ": " + issue.problem() + " " + issue.alternative(),
				suppressedBecause);
	}

	private static Suppressions suppressions(PreparedScript prepared) {
		if (prepared.text() != null) {
			return Suppressions.of(prepared.text());
		}
		Script script = prepared.script();
		String text = script.text();
		try (Reader reader = (text != null) ? new StringReader(text) : ScriptText.open(script.resource())) {
			return Suppressions.read(reader);
		}
		catch (IOException ex) {
			String location = script.resource().location();
			throw new MigrationException(Reason.INVALID_SCRIPTS, "Cannot read " + location + ": " + ex.getMessage(),
					location, 0, null, ex);
		}
	}

}
