package io.migrator.core.lint;

import static io.migrator.core.lint.LintLevel.ADVICE;
import static io.migrator.core.lint.LintLevel.ERROR;
import static io.migrator.core.lint.LintLevel.WARNING;

import java.util.Optional;

/**
 * The safety lint's rules. Levels:
 * <ul>
 * <li>{@link LintLevel#ERROR} for a statement that takes a lock blocking a table in use
 * for as long as it scans or rewrites the table, that fails on a table with rows, or that
 * breaks the version still running (a rename or drop): one finding stops a deployment
 * that treats errors as fatal. The suppression rules are errors too, so a suppression
 * cannot hide a finding without saying why;</li>
 * <li>{@link LintLevel#WARNING} for what depends on the data or the load: a script
 * raising its own timeouts, or slow work done while an {@code ACCESS EXCLUSIVE} lock is
 * held;</li>
 * <li>{@link LintLevel#ADVICE} for a safe choice with a better alternative
 * ({@code json}).</li>
 * </ul>
 * The index, constraint, column and maintenance rules fire only on an existing table: a
 * table created by the same script, or by a pending script earlier in the same run, has
 * no traffic yet, and neither does a rename or drop of it break the running version.
 *
 * @since 0.2.0
 */
public enum LintRule {

	/** CREATE INDEX without CONCURRENTLY on an existing table. */
	CREATE_INDEX_NON_CONCURRENTLY("create-index-non-concurrently", ERROR,
			"CREATE INDEX without CONCURRENTLY blocks writes to the table for the whole build.",
			"Use CREATE INDEX CONCURRENTLY (migrator runs it outside a transaction)."),

	/** DROP INDEX without CONCURRENTLY. */
	DROP_INDEX_NON_CONCURRENTLY("drop-index-non-concurrently", ERROR,
			"DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the index's table.",
			"Use DROP INDEX CONCURRENTLY (migrator runs it outside a transaction)."),

	/** ADD FOREIGN KEY or CHECK without NOT VALID on an existing table. */
	CONSTRAINT_WITHOUT_NOT_VALID("constraint-without-not-valid", ERROR,
			"Adding a foreign key or check constraint without NOT VALID checks every row under a lock that blocks writes.",
			"Add it NOT VALID, then VALIDATE CONSTRAINT in another script (or transaction), which lets writes go on."),

	/** ALTER COLUMN ... SET NOT NULL on an existing table. */
	SET_NOT_NULL("set-not-null", ERROR, "SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock.",
			"On PostgreSQL 12+ add CHECK (column IS NOT NULL) NOT VALID, VALIDATE it in another script, then SET NOT NULL"
					+ " (which then skips the scan) and drop the check."),

	/** ADD COLUMN ... NOT NULL without DEFAULT on an existing table. */
	ADD_COLUMN_NOT_NULL_WITHOUT_DEFAULT("add-column-not-null-without-default", ERROR,
			"Adding a NOT NULL column without a DEFAULT fails on a table with rows and breaks the running version's inserts.",
			"Add the column with a DEFAULT, or nullable: backfill it, then make it NOT NULL safely."),

	/** ADD COLUMN with a volatile DEFAULT on an existing table. */
	VOLATILE_DEFAULT("volatile-default", ERROR,
			"Adding a column whose default must be computed for every row rewrites the table under an ACCESS EXCLUSIVE lock.",
			"Add the column without the default (or with a constant one), set the default, and backfill the rows in batches."),

	/** ALTER COLUMN ... TYPE that is not binary-coercible. */
	COLUMN_TYPE_CHANGE("column-type-change", ERROR,
			"Changing a column's type rewrites the table (and rebuilds its indexes) under an ACCESS EXCLUSIVE lock.",
			"Add a column of the new type, backfill it in batches, switch the application over, then drop the old one."),

	/** ADD UNIQUE or PRIMARY KEY without USING INDEX on an existing table. */
	UNIQUE_WITHOUT_USING_INDEX("unique-without-using-index", ERROR,
			"Adding a unique or primary key constraint builds its index under an ACCESS EXCLUSIVE lock.",
			"CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... UNIQUE (or PRIMARY KEY) USING INDEX."),

	/** RENAME COLUMN or RENAME TO. */
	RENAME("rename", ERROR, "Renaming a table or column breaks the version still running, which uses the old name.",
			"Expand and contract: add the new name (a new column kept in sync, or a view), move the application over,"
					+ " and drop the old name in a later release."),

	/** DROP COLUMN. */
	DROP_COLUMN("drop-column", ERROR, "Dropping a column breaks the version still running if it reads or writes it.",
			"Stop using the column in one release and drop it in a later one."),

	/** DROP TABLE. */
	DROP_TABLE("drop-table", ERROR, "Dropping a table breaks the version still running if it uses it.",
			"Stop using the table in one release and drop it in a later one."),

	/** ADD ... EXCLUDE on an existing table. */
	EXCLUSION_CONSTRAINT("exclusion-constraint", ERROR,
			"Adding an exclusion constraint checks every row under an ACCESS EXCLUSIVE lock, and it cannot be NOT VALID.",
			"Add it while the table is new or small, or in a maintenance window."),

	/** REINDEX without CONCURRENTLY, VACUUM FULL or CLUSTER on an existing table. */
	TABLE_MAINTENANCE_LOCK("table-maintenance-lock", ERROR,
			"REINDEX without CONCURRENTLY, VACUUM FULL and CLUSTER lock the table for as long as they run.",
			"Use REINDEX CONCURRENTLY; instead of VACUUM FULL or CLUSTER use an online tool such as pg_repack."),

	/** A CONCURRENTLY statement inside the script's own BEGIN ... COMMIT. */
	CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction", ERROR,
			"A statement PostgreSQL refuses in a transaction block (CONCURRENTLY and the like) fails inside BEGIN ... COMMIT.",
			"Move it out of the BEGIN ... COMMIT block, best into a script of its own."),

	/** A script setting lock_timeout or statement_timeout to 0 or above migrator's. */
	TIMEOUT_OVERRIDE("timeout-override", WARNING,
			"The script disables or raises the lock_timeout or statement_timeout migrator sets, so it can queue"
					+ " every query behind its lock.",
			"Keep migrator's timeouts; where one script needs more, say so with -- migrator:lock-timeout= or"
					+ " -- migrator:statement-timeout=."),

	/** Slow work in the transaction that holds an ACCESS EXCLUSIVE lock. */
	ACCESS_EXCLUSIVE_THEN_SLOW_WORK("access-exclusive-then-slow-work", WARNING,
			"Slow work after a statement that takes an ACCESS EXCLUSIVE lock, in the same transaction, holds the lock"
					+ " for all of it.",
			"Split the script: take the lock in a short script of its own and do the slow work in another."),

	/** A json column. */
	PREFER_JSONB("prefer-jsonb", ADVICE, "A json column cannot be indexed or compared, and is parsed on every read.",
			"Use jsonb."),

	/** A suppression comment without a reason. */
	SUPPRESSION_WITHOUT_REASON("suppression-without-reason", ERROR,
			"A -- migrator:lint-ignore comment must say why the statement is safe.",
			"Write the reason after the rules: -- migrator:lint-ignore=<rule> <reason>."),

	/** A suppression naming a rule that does not exist. */
	UNKNOWN_RULE("unknown-rule", ERROR, "A -- migrator:lint-ignore comment names a rule that does not exist.",
			"Name the rule by its id, as findings show it.");

	private final String id;

	private final LintLevel level;

	private final String summary;

	private final String safeAlternative;

	LintRule(String id, LintLevel level, String summary, String safeAlternative) {
		this.id = id;
		this.level = level;
		this.summary = summary;
		this.safeAlternative = safeAlternative;
	}

	/**
	 * The rule's id, as findings show it and suppressions name it.
	 * @return for example {@code "create-index-non-concurrently"}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * How serious a finding of this rule is.
	 * @return the level
	 */
	public LintLevel level() {
		return this.level;
	}

	/**
	 * What the rule catches, in one sentence.
	 * @return the summary
	 */
	public String summary() {
		return this.summary;
	}

	/**
	 * The safe way to do what the statement does.
	 * @return one or two sentences
	 */
	public String safeAlternative() {
		return this.safeAlternative;
	}

	/**
	 * The rule with an id.
	 * @param id the id, such as {@code "rename"}
	 * @return the rule, or empty for an unknown id
	 */
	public static Optional<LintRule> byId(String id) {
		for (LintRule rule : values()) {
			if (rule.id.equals(id)) {
				return Optional.of(rule);
			}
		}
		return Optional.empty();
	}

}
