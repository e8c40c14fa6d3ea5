package io.migrator.core.internal.lint;

import static io.migrator.core.internal.sql.LockMode.ACCESS_EXCLUSIVE;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.migrator.core.internal.sql.ClassifiedStatement;
import io.migrator.core.internal.sql.PostgresAlterActions;
import io.migrator.core.internal.sql.PostgresDetails;
import io.migrator.core.internal.sql.PostgresDetails.Setting;
import io.migrator.core.internal.sql.TableAction;
import io.migrator.core.lint.LintRule;
import org.jspecify.annotations.Nullable;

/**
 * Checks one script statement by statement, in order:
 * <ol>
 * <li>the rules of each statement alone ({@link StatementRules});</li>
 * <li>{@code concurrently-in-transaction}: a statement PostgreSQL refuses in a
 * transaction block between the script's own BEGIN and COMMIT;</li>
 * <li>{@code timeout-override}: a {@code SET} or {@code set_config} of
 * {@code lock_timeout} or {@code statement_timeout} to 0 or above migrator's value;</li>
 * <li>{@code access-exclusive-then-slow-work}: in a transaction (the script's, when
 * migrator runs it in one, or its own BEGIN block), slow work after a statement took
 * {@code ACCESS EXCLUSIVE} on a table in use;</li>
 * <li>then the statement's effect on which tables are new ({@link RunTables}).</li>
 * </ol>
 */
final class ScriptCheck {

	private static final Set<String> TIMEOUTS = Set.of("lock_timeout", "statement_timeout");

	private static final Pattern POSTGRES_DURATION = Pattern.compile("(\\d+)\\s*(us|ms|s|min|h|d)?");

	private final SchemaFacts facts;

	private final RunTables tables;

	private final StatementRules rules;

	private final boolean transactional;

	private @Nullable ClassifiedStatement begin;

	private @Nullable ClassifiedStatement locking;

	ScriptCheck(SchemaFacts facts, RunTables tables, boolean transactional) {
		this.facts = facts;
		this.tables = tables;
		this.rules = new StatementRules(facts, tables);
		this.transactional = transactional;
	}

	void statement(ClassifiedStatement statement, List<Issue> issues) {
		String command = statement.command();
		List<TableAction> actions = (command.equals("ALTER TABLE") || command.equals("CREATE TABLE"))
				? PostgresAlterActions.of(statement.sql()) : List.of();
		this.rules.check(statement, actions, issues);
		transactionBlock(statement, issues);
		timeouts(statement, issues);
		lockThenSlowWork(statement, actions, issues);
		this.tables.pending(statement, actions);
	}

	private void transactionBlock(ClassifiedStatement statement, List<Issue> issues) {
		ClassifiedStatement open = this.begin;
		switch (statement.transaction()) {
			case BEGINS -> this.begin = statement;
			case ENDS -> {
				this.begin = null;
				this.locking = null;
			}
			case OUTSIDE -> {
				if (open != null) {
					issues.add(Issue.of(LintRule.CONCURRENTLY_IN_TRANSACTION, statement.line(),
							statement.command() + " runs inside the transaction block the script opens on line "
									+ open.line()
									+ ", and PostgreSQL refuses it there: the script fails at this statement."));
				}
			}
			default -> {
				// runs in the transaction it finds
			}
		}
	}

	private void timeouts(ClassifiedStatement statement, List<Issue> issues) {
		if (!statement.command().equals("SET") && !statement.sql().toLowerCase(Locale.ROOT).contains("set_config")) {
			return;
		}
		for (Setting setting : PostgresDetails.settings(statement.sql())) {
			if (!TIMEOUTS.contains(setting.name())) {
				continue;
			}
			Duration value = duration(setting.value());
			Duration configured = setting.name().equals("lock_timeout") ? this.facts.lockTimeout()
					: this.facts.statementTimeout();
			if (value == null || (configured != null && configured.isZero())) {
				continue;
			}
			if (value.isZero()) {
				issues.add(Issue.of(LintRule.TIMEOUT_OVERRIDE, statement.line(),
						"The script sets " + setting.name() + " to 0, which turns off the limit migrator sets"
								+ configured(configured)
								+ ": a statement waiting for its lock queues every query on the table behind it."));
			}
			else if (configured != null && value.compareTo(configured) > 0) {
				issues.add(Issue.of(LintRule.TIMEOUT_OVERRIDE, statement.line(),
						"The script raises " + setting.name() + " to " + setting.value() + ", above the "
								+ configured.toMillis() + "ms migrator sets: a statement waiting for its lock"
								+ " queues every query on the table behind it for that long."));
			}
		}
	}

	private void lockThenSlowWork(ClassifiedStatement statement, List<TableAction> actions, List<Issue> issues) {
		if (!this.transactional && this.begin == null) {
			return;
		}
		ClassifiedStatement locked = this.locking;
		if (locked != null && isSlow(statement, actions)) {
			issues.add(Issue.of(LintRule.ACCESS_EXCLUSIVE_THEN_SLOW_WORK, statement.line(),
					statement.command() + " runs in the transaction in which line " + locked.line()
							+ " took an ACCESS EXCLUSIVE lock on \"" + locked.relation()
							+ "\": no one reads or writes that table until this work is done and the"
							+ " transaction commits."));
		}
		if (locked == null && statement.lock() == ACCESS_EXCLUSIVE && inUse(statement.relation())) {
			this.locking = statement;
		}
	}

	/** Work that takes time in proportion to a table in use. */
	private boolean isSlow(ClassifiedStatement statement, List<TableAction> actions) {
		boolean inUse = inUse(statement.relation());
		return switch (statement.command()) {
			case "UPDATE", "DELETE", "MERGE", "CREATE INDEX", "REFRESH MATERIALIZED VIEW", "CLUSTER" -> inUse;
			case "INSERT" -> PostgresDetails.insertsFromQuery(statement.sql());
			case "CREATE TABLE AS" -> true;
			case "ALTER TABLE" -> inUse && actions.stream().anyMatch(ScriptCheck::scans);
			default -> false;
		};
	}

	/** Whether an ALTER TABLE subcommand reads or rewrites every row. */
	private static boolean scans(TableAction action) {
		return switch (action.kind()) {
			case ALTER_TYPE, VALIDATE_CONSTRAINT, SET_NOT_NULL, ADD_EXCLUSION -> true;
			case ADD_FOREIGN_KEY, ADD_CHECK -> !action.notValid();
			case ADD_UNIQUE, ADD_PRIMARY_KEY -> !action.usingIndex();
			case ADD_COLUMN -> ColumnTypes.rewritingDefault(action, 0) != null;
			default -> false;
		};
	}

	private boolean inUse(@Nullable String relation) {
		return relation != null && !this.tables.isNew(relation);
	}

	private static String configured(@Nullable Duration configured) {
		return (configured != null) ? " (" + configured.toMillis() + "ms)" : "";
	}

	/** A PostgreSQL duration setting: milliseconds unless a unit says otherwise. */
	private static @Nullable Duration duration(String value) {
		Matcher matcher = POSTGRES_DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			return null;
		}
		long amount;
		try {
			amount = Long.parseLong(matcher.group(1));
		}
		catch (NumberFormatException ex) {
			return null;
		}
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "ms";
		return switch (unit) {
			case "us" -> Duration.ofNanos(amount * 1000);
			case "s" -> Duration.ofSeconds(amount);
			case "min" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			case "d" -> Duration.ofDays(amount);
			default -> Duration.ofMillis(amount);
		};
	}

}
