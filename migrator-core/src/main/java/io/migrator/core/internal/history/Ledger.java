package io.migrator.core.internal.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;

import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.script.Script;
import org.jspecify.annotations.Nullable;

/**
 * The ledger as one command sees it while it holds the lock: the rows read under the
 * lock, and every row it adds. It is the one place that assigns ids and builds rows:
 * <ol>
 * <li>a row is built with the next id, who ran it and when;</li>
 * <li>the id counts as used once the row is in the table: at once for {@link #append}, at
 * the commit of the script's transaction for a row sent in a batch
 * ({@link #appendStatement} then {@link #committed});</li>
 * <li>a row whose transaction rolled back leaves its id free for the next row.</li>
 * </ol>
 */
public final class Ledger {

	private static final String BASELINE = "<< baseline >>";

	private final HistoryTable table;

	private final List<HistoryRow> rows;

	private final String installedBy;

	private final Clock clock;

	private long nextId;

	/**
	 * @param table the history table
	 * @param rows the rows read under the lock, in ledger order
	 * @param installedBy the user new rows are recorded under
	 * @param clock when new rows are recorded
	 */
	public Ledger(HistoryTable table, List<HistoryRow> rows, String installedBy, Clock clock) {
		this.table = table;
		this.rows = List.copyOf(rows);
		this.installedBy = installedBy;
		this.clock = clock;
		this.nextId = rows.isEmpty() ? 1 : rows.get(rows.size() - 1).id() + 1;
	}

	/**
	 * The rows as read under the lock, before this command added any.
	 * @return the rows, in ledger order
	 */
	public List<HistoryRow> rows() {
		return this.rows;
	}

	/**
	 * The quoted, qualified name of the table, for messages.
	 * @return the name
	 */
	public String qualifiedName() {
		return this.table.qualifiedName();
	}

	/**
	 * The row that records a script.
	 * @param script the script
	 * @param type how it ran ({@code UNDO} for an undo script)
	 * @param status what the row records
	 * @param executionMillis how long it took so far
	 * @return the row, with the next id
	 */
	public HistoryRow scriptRow(Script script, MigrationType type, HistoryStatus status, long executionMillis) {
		return new HistoryRow(this.nextId, script.version(), script.description(), type, script.fileName(),
				script.checksum(), script.fingerprint(), status, this.installedBy, now(), executionMillis);
	}

	/**
	 * The row that adopts the schema as being at a version.
	 * @param version the version
	 * @return the row, with the next id
	 */
	public HistoryRow baselineRow(Version version) {
		return new HistoryRow(this.nextId, version, BASELINE, MigrationType.BASELINE, BASELINE, null, null,
				HistoryStatus.SUCCESS, this.installedBy, now(), 0);
	}

	/**
	 * A row that settles an earlier one without running anything ({@code CLEARED} or
	 * {@code REPAIRED}).
	 * @param version the version, {@code null} for a repeatable script
	 * @param description the description
	 * @param type the kind of entry settled
	 * @param script the script's file name
	 * @param checksum the checksum to record
	 * @param fingerprint the fingerprint to record with it
	 * @param status {@code CLEARED} or {@code REPAIRED}
	 * @return the row, with the next id
	 */
	public HistoryRow settlingRow(@Nullable Version version, String description, MigrationType type, String script,
			@Nullable String checksum, @Nullable String fingerprint, HistoryStatus status) {
		return new HistoryRow(this.nextId, version, description, type, script, checksum, fingerprint, status,
				this.installedBy, now(), 0);
	}

	/**
	 * Write a row on a connection in auto-commit mode: its id is taken at once.
	 * @param connection the migration connection
	 * @param row a row built by this ledger
	 * @throws SQLException if the database refuses
	 */
	public void append(Connection connection, HistoryRow row) throws SQLException {
		this.table.append(connection, row);
		committed(row);
	}

	/**
	 * Write a row in the connection's open transaction; {@link #committed} once it
	 * commits.
	 * @param connection the migration connection, in a transaction
	 * @param row a row built by this ledger
	 * @throws SQLException if the database refuses
	 */
	public void appendInTransaction(Connection connection, HistoryRow row) throws SQLException {
		this.table.append(connection, row);
	}

	/**
	 * The INSERT of a row as one statement of literals, to send in a batch with a
	 * script's last statements; {@link #committed} once its transaction commits.
	 * @param batching how the dialect writes literals
	 * @param row a row built by this ledger
	 * @param millisBeforeTransaction how long the script took before its transaction
	 * began
	 * @return the statement
	 */
	public String appendStatement(Dialect.Batching batching, HistoryRow row, long millisBeforeTransaction) {
		return this.table.appendStatement(batching, row, millisBeforeTransaction);
	}

	/**
	 * A row is in the table: its id is taken.
	 * @param row the row
	 */
	public void committed(HistoryRow row) {
		this.nextId = Math.max(this.nextId, row.id() + 1);
	}

	/**
	 * Read the whole table again, after this command wrote to it.
	 * @param connection the migration connection
	 * @return every row, in ledger order
	 * @throws SQLException if the database fails
	 */
	public List<HistoryRow> reread(Connection connection) throws SQLException {
		List<HistoryRow> read = this.table.read(connection);
		return (read != null) ? read : List.of();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock);
	}

}
