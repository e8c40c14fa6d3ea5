package io.migrator.autoconfigure;

import io.migrator.core.MigrationException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link MigrationException} that stopped the start once, as Spring Boot's
 * "APPLICATION FAILED TO START" report: the description is the exception's message (which
 * names the script, the line, the SQLSTATE and the database's message), the action is
 * what to do about this kind of failure. The stack trace is only logged at debug level.
 */
class MigrationFailureAnalyzer extends AbstractFailureAnalyzer<MigrationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationException cause) {
		return new FailureAnalysis(String.valueOf(cause.getMessage()), action(cause.reason()), cause);
	}

	private static String action(MigrationException.Reason reason) {
		return switch (reason) {
			case CONFIGURATION -> "Correct the migrator.* settings named above and start the application again.";
			case CONNECTION -> "Start the database or correct the connection settings named above, then start the"
					+ " application again.";
			case INVALID_SCRIPTS -> "Rename, fix or remove the scripts named above, then build and start again.";
			case VALIDATION -> "Make the scripts and the history agree as described above: restore a changed or"
					+ " missing script, or run repair (migrator.mode=job, migrator.command=repair) once the schema is"
					+ " consistent.";
			case LOCK_TIMEOUT -> "Another migrator held the lock for too long. Let it finish, end its session if it"
					+ " is stuck, or raise migrator.lock.wait-timeout.";
			case SCRIPT_FAILED -> "Fix the script or the data at the line named above and start again. A"
					+ " transactional script was rolled back and simply runs again; a non-transactional one needs the"
					+ " clean-up and repair described above first.";
			case TARGET -> "Correct migrator.target, or leave it unset to migrate to the latest script.";
			case AWAIT_TIMEOUT ->
				"Run the migration (migrator.mode=job) before the application, or raise" + " migrator.await.timeout.";
			case DATABASE -> "Check the database error above and the migration user's rights on the history table.";
			case LINT -> "Make the statements named above safe as each finding suggests, or suppress a finding you"
					+ " accept with a '-- migrator:lint-ignore=<rule> <reason>' comment before the statement;"
					+ " migrator.lint.mode=warn only logs findings.";
			case REHEARSAL -> "Fix the scripts the rehearsal report names (an undo script must restore exactly the"
					+ " schema before its version) and rehearse again.";
		};
	}

}
