package io.migrator.core.internal.lint;

import static io.migrator.core.internal.sql.LockMode.ACCESS_EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.SHARE;

import java.util.List;

import io.migrator.core.internal.sql.ClassifiedStatement;
import io.migrator.core.internal.sql.TableAction;
import io.migrator.core.lint.LintRule;

/**
 * The rules one statement breaks by itself: the index, constraint, column, rename, drop
 * and maintenance rules (which fire only on a table in use) and {@code prefer-jsonb}
 * (which fires on any table).
 */
final class StatementRules {

	private final SchemaFacts facts;

	private final RunTables tables;

	StatementRules(SchemaFacts facts, RunTables tables) {
		this.facts = facts;
		this.tables = tables;
	}

	void check(ClassifiedStatement statement, List<TableAction> actions, List<Issue> issues) {
		int line = statement.line();
		String relation = statement.relation();
		if (relation != null && !this.tables.isNew(relation)) {
			inUse(statement, relation, actions, issues);
		}
		for (TableAction action : actions) {
			if (ColumnTypes.isJson(action.type())) {
				issues.add(Issue.of(LintRule.PREFER_JSONB, line, "Column \"" + action.name()
						+ "\" is declared json: jsonb stores it parsed, can be indexed" + " (GIN) and compared."));
			}
		}
	}

	private void inUse(ClassifiedStatement statement, String relation, List<TableAction> actions, List<Issue> issues) {
		int line = statement.line();
		String table = "\"" + relation + "\"";
		switch (statement.command()) {
			case "CREATE INDEX" -> {
				if (statement.lock() == SHARE) {
					issues.add(Issue
						.of(LintRule.CREATE_INDEX_NON_CONCURRENTLY, line, "CREATE INDEX on existing table " + table
								+ " without CONCURRENTLY takes a SHARE lock that blocks writes for the whole build."));
				}
			}
			case "DROP INDEX" -> {
				if (statement.lock() == ACCESS_EXCLUSIVE) {
					issues.add(Issue.of(LintRule.DROP_INDEX_NON_CONCURRENTLY, line, "DROP INDEX " + table
							+ " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table: no one reads or"
							+ " writes it while the drop waits for running queries."));
				}
			}
			case "DROP TABLE" -> issues.add(Issue.of(LintRule.DROP_TABLE, line, "DROP TABLE " + table
					+ " breaks the version still running if it uses the table, and its data is gone."));
			case "REINDEX", "VACUUM", "CLUSTER" -> {
				if (statement.lock() == ACCESS_EXCLUSIVE) {
					issues.add(Issue.of(LintRule.TABLE_MAINTENANCE_LOCK, line, maintenance(statement.command())
							+ " on existing " + table + " takes an ACCESS EXCLUSIVE lock for as long as it runs."));
				}
			}
			case "ALTER TABLE" -> {
				for (TableAction action : actions) {
					alter(relation, action, line, issues);
				}
			}
			default -> {
				// no rule of one statement
			}
		}
	}

	private void alter(String relation, TableAction action, int line, List<Issue> issues) {
		String table = "existing table \"" + relation + "\"";
		String column = "column \"" + action.name() + "\"";
		switch (action.kind()) {
			case ADD_COLUMN -> {
				String rewrite = ColumnTypes.rewritingDefault(action, this.facts.serverVersion());
				if (rewrite != null) {
					issues.add(Issue.of(LintRule.VOLATILE_DEFAULT, line, "Adding " + column + " to " + table
							+ " rewrites the table under an ACCESS EXCLUSIVE lock: " + rewrite + "."));
				}
				else if (action.notNull() && action.defaultValue() == null) {
					issues.add(Issue.of(LintRule.ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT, line, "Adding NOT NULL " + column
							+ " without a DEFAULT to " + table
							+ " fails if it has rows, and the running version's inserts, which do not set it, fail."));
				}
			}
			case ALTER_TYPE -> {
				String from = this.facts.columnType(relation, String.valueOf(action.name()));
				String to = String.valueOf(action.type());
				if (ColumnTypes.rewrites(from, to)) {
					issues.add(Issue.of(LintRule.COLUMN_TYPE_CHANGE, line,
							"Changing the type of " + column + " of " + table + ((from != null) ? " from " + from : "")
									+ " to " + to
									+ ((from != null) ? " is not binary-coercible: it"
											: " (old type unknown without the database)")
									+ " rewrites the table and its indexes under an ACCESS EXCLUSIVE lock."));
				}
			}
			case SET_NOT_NULL -> issues.add(setNotNull(column, table, line));
			case ADD_FOREIGN_KEY, ADD_CHECK -> {
				if (!action.notValid()) {
					issues.add(Issue.of(LintRule.CONSTRAINT_WITHOUT_NOT_VALID, line,
							"Adding a " + ((action.kind() == TableAction.Kind.ADD_CHECK) ? "CHECK" : "FOREIGN KEY")
									+ " constraint to " + table
									+ " without NOT VALID checks every row while it blocks writes."));
				}
			}
			case ADD_UNIQUE, ADD_PRIMARY_KEY -> {
				if (!action.usingIndex()) {
					issues.add(Issue.of(LintRule.UNIQUE_WITHOUT_USING_INDEX, line, "Adding a "
							+ ((action.kind() == TableAction.Kind.ADD_UNIQUE) ? "UNIQUE" : "PRIMARY KEY")
							+ " constraint to " + table
							+ " builds its index under an ACCESS EXCLUSIVE lock: no reads or writes until it is done."));
				}
			}
			case ADD_EXCLUSION ->
				issues.add(Issue.of(LintRule.EXCLUSION_CONSTRAINT, line, "Adding an EXCLUDE constraint to " + table
						+ " builds its index and checks every row under an ACCESS EXCLUSIVE lock."));
			case RENAME_COLUMN -> issues.add(Issue.of(LintRule.RENAME, line, "Renaming " + column + " of " + table
					+ " breaks the version still running, which uses the old name."));
			case RENAME_TABLE -> issues.add(Issue.of(LintRule.RENAME, line, "Renaming " + table + " to \""
					+ action.name() + "\" breaks the version still running, which uses the old name."));
			case DROP_COLUMN -> issues.add(Issue.of(LintRule.DROP_COLUMN, line, "Dropping " + column + " of " + table
					+ " breaks the version still running if it reads or writes the column."));
			default -> {
				// safe, or not this statement's rule alone
			}
		}
	}

	private Issue setNotNull(String column, String table, int line) {
		String problem = "SET NOT NULL on " + column + " of " + table
				+ " scans every row under an ACCESS EXCLUSIVE lock: no reads or writes until it is done.";
		int version = this.facts.serverVersion();
		if (version > 0 && version < 120000) {
			return new Issue(LintRule.SET_NOT_NULL, line, problem, "Before PostgreSQL 12 (this server is " + version
					+ ") SET NOT NULL always scans: keep a CHECK (column IS NOT NULL) constraint added NOT VALID and"
					+ " validated in another script instead, or set it in a maintenance window.");
		}
		return Issue.of(LintRule.SET_NOT_NULL, line, problem);
	}

	/** The command as written: REINDEX, VACUUM FULL or CLUSTER. */
	private static String maintenance(String command) {
		return command.equals("VACUUM") ? "VACUUM FULL" : command;
	}

}
