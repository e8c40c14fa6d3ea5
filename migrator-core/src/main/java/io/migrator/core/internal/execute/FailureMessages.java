package io.migrator.core.internal.execute;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.plan.PlanMessages;
import io.migrator.core.internal.sql.ClassifiedStatement;
import org.jspecify.annotations.Nullable;

/**
 * The message of a script that failed: which script, the line, the SQLSTATE, the
 * database's own words, what is left of the script and what to do next. Every outcome
 * sentence lives here, so the executor reads as the steps it takes.
 */
final class FailureMessages {

	private static final Pattern POSITION = Pattern.compile("Position: (\\d+)");

	private final Dialect dialect;

	private final String historyTable;

	FailureMessages(Dialect dialect, String historyTable) {
		this.dialect = dialect;
		this.historyTable = historyTable;
	}

	/**
	 * A transactional script failed and its transaction ended (or could not be rolled
	 * back).
	 */
	MigrationException transactional(PreparedScript prepared, StatementSender.Failure failure, boolean rolledBack,
			int attempts) {
		SQLException ex = failure.error();
		String outcome;
		// Where DDL commits implicitly, a script with DDL never runs in a transaction.
		if (!this.dialect.transactionalDdl() && !this.dialect.commitsDdlImplicitly()) {
			outcome = "It ran in one transaction, which was rolled back; " + this.dialect.name()
					+ " commits DDL at once, so DDL statements before the failing one may remain. Check the schema,"
					+ " fix the script and start again.";
		}
		else if (rolledBack || this.dialect.isConnectionFailure(ex)) {
			outcome = "Nothing of it was applied: it ran in one transaction with its history row, which was rolled back."
					+ " Fix the script (or the cause above) and start again.";
		}
		else {
			outcome = "Its transaction could not be rolled back cleanly; PostgreSQL discards it when the connection closes."
					+ " Fix the cause and start again.";
		}
		if (failure.part() == StatementSender.Part.LEDGER) {
			return unrecorded(prepared, ex, "\n  " + outcome);
		}
		if (this.dialect.isLockTimeout(ex)) {
			outcome = "It waited longer than the lock timeout for a lock another session holds, " + attempts
					+ " time(s). Nothing of it was applied. Find the long transaction"
					+ " (pg_stat_activity), or raise migrator.postgresql.lock-timeout or the script's"
					+ " -- migrator:lock-timeout directive.";
		}
		return failed(prepared, failure.statement(), ex, outcome);
	}

	/**
	 * A non-transactional script failed; {@code recorded} tells whether its FAILED row
	 * was written.
	 */
	MigrationException nonTransactional(PreparedScript prepared, @Nullable ClassifiedStatement statement,
			SQLException ex, boolean recorded) {
		String why = this.dialect.commitsDdlImplicitly()
				? " (" + this.dialect.name()
						+ " commits every DDL statement implicitly, so a script with DDL cannot run in one transaction)"
				: "";
		String outcome = "It is not transactional" + why
				+ ": the statements before that line stay applied, and the history "
				+ (recorded ? "records the script as FAILED"
						: "shows the script as UNFINISHED (the failure could not be recorded)")
				+ ", which stops later runs. " + PlanMessages.RERUN_ADVICE + ".";
		return failed(prepared, statement, ex, outcome);
	}

	/**
	 * A non-transactional script ran whole, but its SUCCESS row could not be written
	 * after its STARTED row.
	 */
	MigrationException unrecordedSuccess(PreparedScript prepared, SQLException ex) {
		return unrecorded(prepared, ex, "\n  It is not transactional and all of its statements ran, but the history"
				+ " shows it as UNFINISHED, which stops later runs. Fix the cause above, check that the script's changes"
				+ " are in place, then run repair (migrator.command=repair): the next migrate runs it again from its"
				+ " first statement, so make it safe to run again (e.g. with IF NOT EXISTS) or revert it first.");
	}

	/** The script ran, but its ledger row could not be written. */
	MigrationException unrecorded(PreparedScript prepared, SQLException ex, String outcome) {
		return new MigrationException(Reason.DATABASE, "Cannot record " + prepared.script().fileName()
				+ " in the history table " + this.historyTable + ": " + ex.getMessage() + outcome, null, 0,
				ex.getSQLState(), ex);
	}

	private MigrationException failed(PreparedScript prepared, @Nullable ClassifiedStatement statement, SQLException ex,
			String outcome) {
		String location = prepared.script().resource().location();
		int line = (statement != null) ? lineOfError(statement, ex) : 0;
		int lineInStatement = this.dialect.errorLineInStatement(ex);
		if (statement != null && lineInStatement > 0) {
			line = statement.line() + lineInStatement - 1;
		}
		String sqlState = ex.getSQLState();
		StringBuilder message = new StringBuilder("Migration ").append(prepared.script().fileName()).append(" failed");
		if (line > 0) {
			message.append(" at line ").append(line);
		}
		message.append(" (").append(location).append(")\n  ");
		if (sqlState != null) {
			message.append("SQLSTATE ").append(sqlState).append(": ");
		}
		message.append(String.valueOf(ex.getMessage()).strip().replace("\n", "\n  ")).append("\n  ").append(outcome);
		return new MigrationException(Reason.SCRIPT_FAILED, message.toString(), location, line, sqlState, ex);
	}

	/**
	 * The line in the file of the failure: the statement's first line, moved down to the
	 * character the server points at when it reports a position.
	 */
	static int lineOfError(ClassifiedStatement statement, SQLException ex) {
		Matcher matcher = POSITION.matcher(String.valueOf(ex.getMessage()));
		int line = statement.line();
		if (matcher.find()) {
			int position = Math.min(Integer.parseInt(matcher.group(1)) - 1, statement.sql().length());
			for (int i = 0; i < position; i++) {
				if (statement.sql().charAt(i) == '\n') {
					line++;
				}
			}
		}
		return line;
	}

}
