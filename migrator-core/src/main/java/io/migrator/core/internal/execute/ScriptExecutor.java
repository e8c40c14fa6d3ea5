package io.migrator.core.internal.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationType;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.history.HistoryStatus;
import io.migrator.core.internal.history.Ledger;
import io.migrator.core.internal.sql.ClassifiedStatement;
import io.migrator.core.internal.sql.TransactionUse;
import io.migrator.core.java.JavaMigration;
import io.migrator.core.java.JavaMigrationContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs prepared scripts on the migration connection and writes their ledger rows:
 * <ol>
 * <li>a transactional script runs with its history row in one transaction: a failure
 * rolls both back; a lock timeout is retried with backoff, since nothing of it remains.
 * Where the dialect batches, its statements and the row go in JDBC batches
 * ({@link StatementSender});</li>
 * <li>a non-transactional script runs statement by statement in auto-commit, between a
 * {@code STARTED} row and a {@code SUCCESS} or {@code FAILED} row, so a crash in the
 * middle leaves a visible unfinished entry;</li>
 * <li>a failure becomes one message ({@link FailureMessages}).</li>
 * </ol>
 * Preparing (reading, splitting, classifying) is {@link ScriptPreparer}'s.
 */
public final class ScriptExecutor {

	private static final Logger logger = LoggerFactory.getLogger(ScriptExecutor.class);

	private final Connection connection;

	private final Dialect dialect;

	private final Dialect.Session session;

	private final Ledger ledger;

	private final ScriptPreparer preparer;

	private final FailureMessages messages;

	private final int lockRetries;

	private final @Nullable StatementObserver observer;

	/**
	 * @param connection the migration connection
	 * @param dialect the database's dialect
	 * @param session the run's session settings
	 * @param ledger the ledger, which numbers and builds the rows
	 * @param preparer reads a large script's statements again
	 * @param lockRetries how often a transactional script that hit the lock timeout is
	 * retried
	 */
	public ScriptExecutor(Connection connection, Dialect dialect, Dialect.Session session, Ledger ledger,
			ScriptPreparer preparer, int lockRetries) {
		this(connection, dialect, session, ledger, preparer, lockRetries, null);
	}

	/**
	 * As
	 * {@link #ScriptExecutor(Connection, Dialect, Dialect.Session, Ledger, ScriptPreparer, int)},
	 * with an observer told about every statement, which therefore runs alone.
	 * @param connection the migration connection
	 * @param dialect the database's dialect
	 * @param session the run's session settings
	 * @param ledger the ledger, which numbers and builds the rows
	 * @param preparer reads a large script's statements again
	 * @param lockRetries how often a transactional script that hit the lock timeout is
	 * retried
	 * @param observer looks between statements, or {@code null}
	 */
	public ScriptExecutor(Connection connection, Dialect dialect, Dialect.Session session, Ledger ledger,
			ScriptPreparer preparer, int lockRetries, @Nullable StatementObserver observer) {
		this.connection = connection;
		this.dialect = dialect;
		this.session = session;
		this.ledger = ledger;
		this.preparer = preparer;
		this.messages = new FailureMessages(dialect, ledger.qualifiedName());
		this.lockRetries = lockRetries;
		this.observer = observer;
	}

	/**
	 * Run a prepared script and record it.
	 * @param prepared the script
	 * @return how long it took
	 * @throws MigrationException with reason {@code SCRIPT_FAILED} naming the script,
	 * line, SQLSTATE, the database's message and what to do next
	 */
	public Duration execute(PreparedScript prepared) {
		long start = System.nanoTime();
		try {
			if (prepared.directives().overridesTimeouts()) {
				this.session.overrideTimeouts(prepared.directives().lockTimeout(),
						prepared.directives().statementTimeout());
			}
			if (prepared.script().java() != null) {
				executeJava(prepared, start);
			}
			else if (prepared.transactional()) {
				executeTransactional(prepared, start);
			}
			else {
				executeNonTransactional(prepared, start);
			}
			if (prepared.directives().overridesTimeouts()) {
				this.session.restoreTimeouts();
			}
		}
		catch (SQLException ex) {
			throw this.messages.unrecorded(prepared, ex, "");
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private void executeTransactional(PreparedScript prepared, long start) throws SQLException {
		Dialect.Batching batching = (this.observer != null) ? null : this.dialect.batching();
		for (int attempt = 0;; attempt++) {
			this.connection.setAutoCommit(false);
			StatementSender sender = new StatementSender(this.connection, batching);
			try (sender; ScriptPreparer.Statements statements = this.preparer.statements(prepared)) {
				long millisBeforeTransaction = millisSince(start);
				if (this.observer != null) {
					this.observer.scriptStarting(this.connection, prepared);
				}
				while (statements.hasNext()) {
					ClassifiedStatement next = statements.next();
					sender.send(next);
					if (this.observer != null) {
						this.observer.statementRan(this.connection, prepared, next);
					}
				}
				HistoryRow row = row(prepared, HistoryStatus.SUCCESS, start);
				sender.record(this.ledger, row, millisBeforeTransaction);
				this.connection.commit();
				this.ledger.committed(row);
				return;
			}
			catch (SQLException ex) {
				StatementSender.Failure failure = sender.failure(ex);
				boolean rolledBack = rollbackQuietly(failure.error());
				if (failure.part() == StatementSender.Part.SCRIPT && this.dialect.isLockTimeout(failure.error())
						&& attempt < this.lockRetries && rolledBack) {
					sleepBeforeRetry(attempt, prepared, failure.error());
					continue;
				}
				throw this.messages.transactional(prepared, failure, rolledBack, attempt + 1);
			}
			catch (RuntimeException | Error ex) {
				// Turning auto-commit back on commits an open transaction: never let it
				// commit half a script.
				rollbackQuietly(ex);
				throw ex;
			}
			finally {
				restoreAutoCommit();
			}
		}
	}

	/**
	 * A Java migration (or its undo) runs in one transaction with its ledger row, as a
	 * transactional script does; what it throws rolls both back.
	 */
	private void executeJava(PreparedScript prepared, long start) throws SQLException {
		JavaMigration migration = prepared.script().java();
		JavaMigrationContext context = new JavaMigrationContext(this.connection);
		this.connection.setAutoCommit(false);
		try {
			if (prepared.type() == MigrationType.UNDO) {
				migration.undo(context);
			}
			else {
				migration.migrate(context);
			}
			HistoryRow row = row(prepared, HistoryStatus.SUCCESS, start);
			this.ledger.appendInTransaction(this.connection, row);
			this.connection.commit();
			this.ledger.committed(row);
		}
		catch (Error ex) {
			rollbackQuietly(ex);
			throw ex;
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			boolean rolledBack = rollbackQuietly(ex);
			SQLException cause = (ex instanceof SQLException sql) ? sql : null;
			throw new MigrationException(Reason.SCRIPT_FAILED,
					"Java migration " + prepared.script().fileName() + " (version " + prepared.script().version()
							+ ") failed" + ((cause != null) ? " (SQLSTATE " + cause.getSQLState() + ")" : "") + ": "
							+ ex
							+ (rolledBack ? ". Its transaction was rolled back: nothing of it was applied"
									: ". The rollback failed too: check the database")
							+ ". Fix it, then start again",
					prepared.script().resource().location(), 0, (cause != null) ? cause.getSQLState() : null, ex);
		}
		finally {
			restoreAutoCommit();
		}
	}

	private static long millisSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	private void executeNonTransactional(PreparedScript prepared, long start) throws SQLException {
		this.connection.setAutoCommit(true);
		this.ledger.append(this.connection, row(prepared, HistoryStatus.STARTED, start));
		if (this.observer != null) {
			this.observer.scriptStarting(this.connection, prepared);
		}
		boolean ownTransaction = false;
		ClassifiedStatement current = null;
		try (Statement statement = StatementSender.newStatement(this.connection);
				ScriptPreparer.Statements statements = this.preparer.statements(prepared)) {
			while (statements.hasNext()) {
				current = statements.next();
				statement.execute(current.sql());
				if (this.observer != null) {
					this.observer.statementRan(this.connection, prepared, current);
				}
				if (current.transaction() == TransactionUse.BEGINS) {
					ownTransaction = true;
				}
				else if (current.transaction() == TransactionUse.ENDS) {
					ownTransaction = false;
				}
			}
			current = null;
			if (ownTransaction) {
				statement.execute("ROLLBACK");
				throw new SQLException("the script opens a transaction (BEGIN) that it never commits:"
						+ " its last transaction was rolled back. End it with COMMIT", "25001");
			}
		}
		catch (SQLException ex) {
			throw nonTransactionalFailure(prepared, current, ex, start);
		}
		try {
			this.ledger.append(this.connection, row(prepared, HistoryStatus.SUCCESS, start));
		}
		catch (SQLException ex) {
			throw this.messages.unrecordedSuccess(prepared, ex);
		}
	}

	private HistoryRow row(PreparedScript prepared, HistoryStatus status, long start) {
		return this.ledger.scriptRow(prepared.script(), prepared.type(), status, millisSince(start));
	}

	private boolean rollbackQuietly(Throwable failure) {
		try {
			this.connection.rollback();
			return true;
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
			return false;
		}
	}

	private void restoreAutoCommit() {
		try {
			this.connection.setAutoCommit(true);
		}
		catch (SQLException ex) {
			// The connection is gone; the failure being reported already says so.
		}
	}

	private void sleepBeforeRetry(int attempt, PreparedScript prepared, SQLException ex) {
		long millis = Math.min(10_000, 1000L << attempt);
		logger.warn("{} could not get a lock within the lock timeout ({}); retrying in {} ms ({}/{})",
				prepared.script().fileName(), ex.getMessage(), millis, attempt + 1, this.lockRetries);
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
			throw new MigrationException(Reason.SCRIPT_FAILED,
					"Interrupted while waiting to retry " + prepared.script().fileName(), interrupted);
		}
	}

	private MigrationException nonTransactionalFailure(PreparedScript prepared, @Nullable ClassifiedStatement statement,
			SQLException ex, long start) {
		rollbackOwnTransaction(ex);
		boolean recorded;
		try {
			this.ledger.append(this.connection, row(prepared, HistoryStatus.FAILED, start));
			recorded = true;
		}
		catch (SQLException recordFailure) {
			ex.addSuppressed(recordFailure);
			recorded = false;
		}
		return this.messages.nonTransactional(prepared, statement, ex, recorded);
	}

	private void rollbackOwnTransaction(SQLException failure) {
		try (Statement statement = this.connection.createStatement()) {
			// The script may have failed inside its own BEGIN: end that transaction
			// before recording.
			if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
			}
			else if (this.dialect.transactionalDdl()) {
				statement.execute("ROLLBACK");
			}
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

}
