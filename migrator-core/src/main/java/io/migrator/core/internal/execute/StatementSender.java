package io.migrator.core.internal.execute;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.history.Ledger;
import io.migrator.core.internal.sql.ClassifiedStatement;
import org.jspecify.annotations.Nullable;

/**
 * Sends one transactional script's statements, and remembers which one failed:
 * <ol>
 * <li>with batching, statements that return no rows gather in a JDBC batch, one round
 * trip each; a statement that may return rows ends the batch and runs alone;</li>
 * <li>a batch is sent when it reaches {@link #MAX_STATEMENTS} statements or
 * {@link #MAX_CHARS} characters, and when the script ends, with the ledger row as its
 * last entry ({@link #record});</li>
 * <li>without batching, every statement runs alone.</li>
 * </ol>
 */
final class StatementSender implements AutoCloseable {

	/**
	 * Statements per batch; below pgjdbc's own limit (about 250), past which it waits for
	 * the server in the middle of a batch.
	 */
	static final int MAX_STATEMENTS = 100;

	/**
	 * Characters of SQL per batch (up to three bytes each in UTF-8). Small enough that
	 * the whole batch fits in the socket buffers while the server is still busy with its
	 * first entries: a statement that floods the client with notices could otherwise
	 * leave both sides writing, neither reading.
	 */
	static final int MAX_CHARS = 64 * 1024;

	private final Connection connection;

	private @Nullable Statement statement;

	private final Dialect.@Nullable Batching batching;

	private final List<ClassifiedStatement> batch = new ArrayList<>();

	private int batchChars;

	private boolean lastInBatch;

	private @Nullable ClassifiedStatement alone;

	private @Nullable Failure failure;

	StatementSender(Connection connection, Dialect.@Nullable Batching batching) {
		this.connection = connection;
		this.batching = batching;
	}

	/**
	 * Send a statement of the script, now or in a later batch.
	 * @param sql the statement
	 * @throws SQLException if it, or a statement of the batch it ended, fails
	 */
	void send(ClassifiedStatement sql) throws SQLException {
		if (this.batching == null || !sql.batchable()) {
			flush();
			this.alone = sql;
			statement().execute(sql.sql());
			this.alone = null;
			return;
		}
		statement().addBatch(sql.sql());
		this.batch.add(sql);
		this.batchChars += sql.sql().length();
		if (this.batch.size() >= MAX_STATEMENTS || this.batchChars >= MAX_CHARS) {
			flush();
		}
	}

	/**
	 * Write the script's ledger row: with batching as the last entry of the last batch,
	 * else with {@link Ledger#appendInTransaction} once the last statement ran; either
	 * way the caller tells the ledger {@link Ledger#committed} after the commit.
	 * @param ledger the ledger
	 * @param row the row
	 * @param millisBeforeTransaction how long the script took before its transaction
	 * began
	 * @throws SQLException if the row, or a statement of the batch, fails
	 */
	void record(Ledger ledger, HistoryRow row, long millisBeforeTransaction) throws SQLException {
		if (this.batching != null) {
			statement().addBatch(ledger.appendStatement(this.batching, row, millisBeforeTransaction));
			this.lastInBatch = true;
			flush();
			return;
		}
		try {
			ledger.appendInTransaction(this.connection, row);
		}
		catch (SQLException ex) {
			this.failure = new Failure(ex, null, Part.LEDGER);
			throw ex;
		}
	}

	private void flush() throws SQLException {
		if (this.batch.isEmpty() && !this.lastInBatch) {
			return;
		}
		try {
			statement().executeBatch();
		}
		catch (BatchUpdateException ex) {
			this.failure = batchFailure(ex);
			throw ex;
		}
		catch (SQLException ex) {
			// The driver could not send the batch at all: no entry is to blame.
			this.failure = new Failure(ex, null, Part.SCRIPT);
			throw ex;
		}
		this.batch.clear();
		this.batchChars = 0;
		this.lastInBatch = false;
	}

	/**
	 * What failed, for an exception thrown by {@link #send} or {@link #record}, or by
	 * anything else done in the script's transaction.
	 * @param ex the exception
	 * @return the failure
	 */
	Failure failure(SQLException ex) {
		if (this.failure != null) {
			return this.failure;
		}
		return new Failure(ex, this.alone, (this.alone != null) ? Part.SCRIPT : Part.TRANSACTION);
	}

	private Failure batchFailure(BatchUpdateException ex) {
		// The driver's own exception summarises; the server's error, with its SQLSTATE
		// and Position, is the next one.
		// Without it, not the driver's summary either: it quotes the entry's SQL, which
		// may hold a password.
		SQLException error = (ex.getNextException() != null) ? ex.getNextException()
				: new SQLException("a statement of the batch failed; the driver gave no further detail",
						ex.getSQLState(), ex.getErrorCode());
		int size = this.batch.size() + (this.lastInBatch ? 1 : 0);
		int entry = (this.batching != null) ? this.batching.failedEntry(ex, size) : -1;
		if (entry >= 0 && entry < this.batch.size()) {
			return new Failure(error, this.batch.get(entry), Part.SCRIPT);
		}
		if (this.lastInBatch && entry == this.batch.size()) {
			return new Failure(error, null, Part.LEDGER);
		}
		// An entry the driver did not name: a statement of the script, most likely, on an
		// unknown line.
		return new Failure(error, null, Part.SCRIPT);
	}

	private Statement statement() throws SQLException {
		if (this.statement == null) {
			this.statement = newStatement(this.connection);
		}
		return this.statement;
	}

	/**
	 * A statement that sends scripts as written.
	 * @param connection the migration connection
	 * @return the statement
	 * @throws SQLException if it cannot be created
	 */
	static Statement newStatement(Connection connection) throws SQLException {
		Statement statement = connection.createStatement();
		// No JDBC {escape} rewriting, which would change the script and shift the
		// server's error positions.
		statement.setEscapeProcessing(false);
		return statement;
	}

	@Override
	public void close() throws SQLException {
		if (this.statement != null) {
			this.statement.close();
		}
	}

	/**
	 * What failed in a script's transaction.
	 *
	 * @param error the database's error
	 * @param statement the statement of the script that failed, {@code null} when not
	 * known
	 * @param part which part of the transaction failed
	 */
	record Failure(SQLException error, @Nullable ClassifiedStatement statement, Part part) {

	}

	/**
	 * The parts of a script's transaction.
	 */
	enum Part {

		/** A statement of the script. */
		SCRIPT,

		/** The script's ledger row. */
		LEDGER,

		/** Anything else: setting it up, or the commit. */
		TRANSACTION

	}

}
