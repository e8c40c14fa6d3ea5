package io.migrator.core.internal.execute;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationType;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.history.HistoryStatus;
import io.migrator.core.internal.history.HistoryTable;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptText;
import io.migrator.core.internal.sql.SqlSplitter;
import io.migrator.core.internal.sql.SqlStatement;
import io.migrator.core.internal.sql.SqlSyntaxException;
import io.migrator.core.internal.sql.StatementKind;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scripts on the migration connection and writes their ledger rows:
 * <ol>
 * <li>{@link #prepare} reads a script once before any of it runs: directives, statements,
 * and whether it must run outside a transaction (a {@code transaction=false} directive, a
 * statement PostgreSQL refuses in a transaction, or its own BEGIN/COMMIT);</li>
 * <li>a transactional script runs with its history row in one transaction: a failure
 * rolls both back; a lock timeout is retried with backoff, since nothing of it remains.
 * Where the dialect batches, its statements and the row go in JDBC batches
 * ({@link StatementSender});</li>
 * <li>a non-transactional script runs statement by statement in auto-commit, between a
 * {@code STARTED} row and a {@code SUCCESS} or {@code FAILED} row, so a crash in the
 * middle leaves a visible unfinished entry.</li>
 * </ol>
 *
 * @since 0.1.0
 */
public final class ScriptExecutor {

	/**
	 * Statements kept in memory per script; larger scripts are read again when they run.
	 */
	private static final int MAX_KEPT_CHARS = 4 * 1024 * 1024;

	private static final Pattern POSITION = Pattern.compile("Position: (\\d+)");

	private static final Logger logger = LoggerFactory.getLogger(ScriptExecutor.class);

	private final Connection connection;

	private final Dialect dialect;

	private final Dialect.Session session;

	private final HistoryTable history;

	private final String installedBy;

	private final Clock clock;

	private final int lockRetries;

	private long nextId;

	public ScriptExecutor(Connection connection, Dialect dialect, Dialect.Session session, HistoryTable history,
			String installedBy, Clock clock, int lockRetries, long nextId) {
		this.connection = connection;
		this.dialect = dialect;
		this.session = session;
		this.history = history;
		this.installedBy = installedBy;
		this.clock = clock;
		this.lockRetries = lockRetries;
		this.nextId = nextId;
	}

	/**
	 * The id the next ledger row gets.
	 * @return the next id
	 */
	public long nextId() {
		return this.nextId;
	}

	/**
	 * Read and check a script without running it.
	 * @param script the script
	 * @param type how the history records it
	 * @return the prepared script
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} naming the file and
	 * line
	 */
	public static PreparedScript prepare(Script script, MigrationType type) {
		String location = script.resource().location();
		// Most scripts are small: read once into memory, with the checksum from the same
		// read.
		String text = script.text();
		try (Reader reader = (text != null) ? new StringReader(text)
				: new BufferedReader(ScriptText.open(script.resource()))) {
			Directives directives = Directives.read(reader, location);
			List<SqlStatement> kept = new ArrayList<>();
			long keptChars = 0;
			int count = 0;
			SqlStatement needsNoTransaction = null;
			Iterator<SqlStatement> statements = (text != null) ? SqlSplitter.stream(text) : SqlSplitter.stream(reader);
			for (Iterator<SqlStatement> it = statements; it.hasNext();) {
				SqlStatement statement = it.next();
				count++;
				String unsupported = StatementKind.unsupportedReason(statement.sql());
				if (unsupported != null) {
					throw new MigrationException(Reason.INVALID_SCRIPTS,
							location + " line " + statement.line() + ": " + unsupported, location, statement.line(),
							null, null);
				}
				if (needsNoTransaction == null && StatementKind.of(statement.sql()) != StatementKind.ORDINARY) {
					needsNoTransaction = statement;
				}
				if (kept != null) {
					keptChars += statement.sql().length();
					if (keptChars <= MAX_KEPT_CHARS) {
						kept.add(statement);
					}
					else {
						kept = null;
					}
				}
			}
			boolean transactional = (needsNoTransaction == null);
			if (Boolean.FALSE.equals(directives.transaction())) {
				transactional = false;
			}
			else if (Boolean.TRUE.equals(directives.transaction()) && needsNoTransaction != null) {
				throw new MigrationException(Reason.INVALID_SCRIPTS, location + " line " + needsNoTransaction.line()
						+ ": this statement cannot run inside a transaction, but the script says"
						+ " -- migrator:transaction=true. Remove the directive, or move the statement to a script of its own",
						location, needsNoTransaction.line(), null, null);
			}
			return new PreparedScript(script, type, directives, transactional, count, kept);
		}
		catch (SqlSyntaxException ex) {
			throw new MigrationException(Reason.INVALID_SCRIPTS,
					location + " line " + ex.line() + ": " + ex.getMessage(), location, ex.line(), null, ex);
		}
		catch (ScriptText.NotUtf8 ex) {
			throw ex.failure();
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof ScriptText.NotUtf8 notUtf8) {
				throw notUtf8.failure();
			}
			throw unreadable(location, ex.getCause());
		}
		catch (IOException ex) {
			throw unreadable(location, ex);
		}
	}

	private static MigrationException unreadable(String location, IOException ex) {
		return new MigrationException(Reason.INVALID_SCRIPTS, "Cannot read " + location + ": " + ex.getMessage(),
				location, 0, null, ex);
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
			if (prepared.transactional()) {
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
			throw new MigrationException(Reason.DATABASE, "Cannot record " + prepared.script().fileName()
					+ " in the history table " + this.history.qualifiedName() + ": " + ex.getMessage(), null, 0,
					ex.getSQLState(), ex);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private void executeTransactional(PreparedScript prepared, long start) throws SQLException {
		Dialect.Batching batching = this.dialect.batching();
		for (int attempt = 0;; attempt++) {
			this.connection.setAutoCommit(false);
			StatementSender sender = new StatementSender(this.connection, batching);
			try (sender) {
				long millisBeforeTransaction = millisSince(start);
				for (Iterator<SqlStatement> it = statements(prepared); it.hasNext();) {
					sender.send(it.next());
				}
				sender.record(this.history, row(prepared, HistoryStatus.SUCCESS, start), millisBeforeTransaction);
				this.connection.commit();
				this.nextId++;
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
				throw transactionalFailure(prepared, failure, rolledBack, attempt);
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

	private static long millisSince(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toMillis();
	}

	private void executeNonTransactional(PreparedScript prepared, long start) throws SQLException {
		this.connection.setAutoCommit(true);
		this.history.append(this.connection, row(prepared, HistoryStatus.STARTED, start));
		this.nextId++;
		boolean ownTransaction = false;
		SqlStatement current = null;
		try (Statement statement = StatementSender.newStatement(this.connection)) {
			for (Iterator<SqlStatement> it = statements(prepared); it.hasNext();) {
				current = it.next();
				statement.execute(current.sql());
				if (StatementKind.of(current.sql()) == StatementKind.TRANSACTION_CONTROL) {
					ownTransaction = opensTransaction(current.sql());
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
		this.history.append(this.connection, row(prepared, HistoryStatus.SUCCESS, start));
		this.nextId++;
	}

	private static boolean opensTransaction(String sql) {
		String word = sql.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
		return word.equals("BEGIN") || word.equals("START");
	}

	/**
	 * A prepared script's statements, from memory or read again.
	 * @param prepared the script
	 * @return its statements, in order
	 */
	public static Iterator<SqlStatement> statements(PreparedScript prepared) {
		if (prepared.statements() != null) {
			return prepared.statements().iterator();
		}
		try {
			BufferedReader reader = new BufferedReader(ScriptText.open(prepared.script().resource()));
			Directives.read(reader, prepared.script().resource().location());
			return new ClosingIterator(SqlSplitter.stream(reader), reader, prepared.script().resource().location());
		}
		catch (IOException ex) {
			throw unreadable(prepared.script().resource().location(), ex);
		}
	}

	private HistoryRow row(PreparedScript prepared, HistoryStatus status, long start) {
		Script script = prepared.script();
		return new HistoryRow(this.nextId, script.version(), script.description(), prepared.type(), script.fileName(),
				script.checksum(), status, this.installedBy, OffsetDateTime.now(this.clock), millisSince(start));
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

	private MigrationException transactionalFailure(PreparedScript prepared, StatementSender.Failure failure,
			boolean rolledBack, int attempt) {
		SQLException ex = failure.error();
		String outcome;
		if (!this.dialect.transactionalDdl()) {
			outcome = "It ran in one transaction, which was rolled back; " + this.dialect.name()
					+ " commits DDL at once, so DDL statements before the failing one may remain. Check the schema, fix the script and start again.";
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
			return new MigrationException(Reason.DATABASE,
					"Cannot record " + prepared.script().fileName() + " in the history table "
							+ this.history.qualifiedName() + ": " + ex.getMessage() + "\n  " + outcome,
					null, 0, ex.getSQLState(), ex);
		}
		if (this.dialect.isLockTimeout(ex)) {
			outcome = "It waited longer than the lock timeout for a lock another session holds, " + (attempt + 1)
					+ " time(s). Nothing of it was applied. Find the long transaction"
					+ " (pg_stat_activity), or raise migrator.postgresql.lock-timeout or the script's"
					+ " -- migrator:lock-timeout directive.";
		}
		return failure(prepared, failure.statement(), ex, outcome);
	}

	private MigrationException nonTransactionalFailure(PreparedScript prepared, @Nullable SqlStatement statement,
			SQLException ex, long start) {
		rollbackOwnTransaction(ex);
		String outcome;
		try {
			this.history.append(this.connection, row(prepared, HistoryStatus.FAILED, start));
			this.nextId++;
			outcome = "It is not transactional: the statements before that line stay applied, and the history records"
					+ " the script as FAILED, which stops later runs. Revert what it applied (for CREATE INDEX"
					+ " CONCURRENTLY, drop the INVALID index) or make the script safe to run again, then run repair"
					+ " (migrator.command=repair): the next migrate runs it again from its first statement.";
		}
		catch (SQLException recordFailure) {
			ex.addSuppressed(recordFailure);
			outcome = "It is not transactional: the statements before that line stay applied. The failure could not be"
					+ " recorded, so the history shows the script as UNFINISHED, which stops later runs. Revert what it"
					+ " applied or make the script safe to run again, then run repair (migrator.command=repair).";
		}
		return failure(prepared, statement, ex, outcome);
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

	private MigrationException failure(PreparedScript prepared, @Nullable SqlStatement statement, SQLException ex,
			String outcome) {
		String location = prepared.script().resource().location();
		int line = (statement != null) ? lineOfError(statement, ex) : 0;
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
	static int lineOfError(SqlStatement statement, SQLException ex) {
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

	/**
	 * Streams a large script's statements and closes its reader at the end.
	 */
	private record ClosingIterator(Iterator<SqlStatement> delegate, Reader reader,
			String location) implements Iterator<SqlStatement> {

		@Override
		public boolean hasNext() {
			boolean more = this.delegate.hasNext();
			if (!more) {
				try {
					this.reader.close();
				}
				catch (IOException ex) {
					// Everything was read.
				}
			}
			return more;
		}

		@Override
		public SqlStatement next() {
			try {
				return this.delegate.next();
			}
			catch (SqlSyntaxException ex) {
				throw changedWhileRunning(ex.line(), ex.getMessage(), ex);
			}
			catch (UncheckedIOException ex) {
				throw changedWhileRunning(0, ex.getMessage(), ex);
			}
		}

		private MigrationException changedWhileRunning(int line, String problem, Exception cause) {
			return new MigrationException(Reason.INVALID_SCRIPTS,
					this.location + ((line > 0) ? " line " + line : "") + ": " + problem
							+ ". It was read without this problem before the run started, so the file changed"
							+ " while it ran. Keep scripts unchanged while migrating, then start again",
					this.location, line, null, cause);
		}

	}

}
