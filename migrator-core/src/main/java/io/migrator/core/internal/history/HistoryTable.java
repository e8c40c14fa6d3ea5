package io.migrator.core.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.internal.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * The append-only history ledger: created on first use, read whole, and only ever added
 * to. Rows are never updated or deleted; every state is derived from them (see
 * {@link io.migrator.core.internal.plan.Plan}).
 */
public final class HistoryTable {

	private static final String COLUMNS = "id, version, description, type, script, checksum, status, installed_by,"
			+ " installed_on, execution_time";

	/**
	 * Added in 0.3.0: {@link #upgrade} adds it to a table an earlier version created, and
	 * until then rows are read and written without it.
	 */
	private static final String FINGERPRINT = "fingerprint";

	private static final List<String> REQUIRED = List.of(COLUMNS.split(",\\s*"));

	private final Dialect dialect;

	private final @Nullable String schema;

	private final String table;

	private final String qualifiedName;

	private final String currentSchema;

	/**
	 * Seen to exist on this connection's database: from then on it is counted without
	 * asking first.
	 */
	private boolean exists;

	/** Whether the table has the fingerprint column, as last read or created. */
	private boolean fingerprints = true;

	/**
	 * @param dialect the database's dialect
	 * @param schema the schema to create when missing, {@code null} when the table lives
	 * in the current schema
	 * @param currentSchema the schema the table lives in
	 * @param table the table name
	 */
	public HistoryTable(Dialect dialect, @Nullable String schema, String currentSchema, String table) {
		this.dialect = dialect;
		this.schema = schema;
		this.table = table;
		this.qualifiedName = dialect.quote(currentSchema) + "." + dialect.quote(table);
		this.currentSchema = currentSchema;
	}

	/**
	 * The quoted, qualified name, for SQL.
	 * @return the name
	 */
	public String qualifiedName() {
		return this.qualifiedName;
	}

	public String table() {
		return this.table;
	}

	/**
	 * Read every row in ledger order.
	 * @param connection a connection in auto-commit mode, or in a transaction that can
	 * take an error
	 * @return the rows, or {@code null} when the table does not exist yet
	 * @throws MigrationException with reason {@code DATABASE} when the table or a row is
	 * not as migrator wrote it, or the user may not read it
	 * @throws SQLException if the table exists but cannot be read for another reason
	 */
	public @Nullable List<HistoryRow> read(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT *" + this.dialect.ledgerReadExtras() + " FROM "
						+ this.qualifiedName + " ORDER BY id")) {
			int[] columns = columns(result.getMetaData());
			this.fingerprints = columns[REQUIRED.size()] > 0;
			List<HistoryRow> rows = new ArrayList<>();
			while (result.next()) {
				rows.add(row(result, columns));
			}
			this.exists = true;
			return rows;
		}
		catch (SQLException ex) {
			if (this.dialect.isUndefinedTable(ex)) {
				return null;
			}
			throw unreadable(connection, ex);
		}
	}

	/**
	 * Where each of {@link #REQUIRED}'s columns is in a result, and the fingerprint's
	 * last ({@code 0} when the table has none).
	 */
	private int[] columns(ResultSetMetaData metaData) throws SQLException {
		Map<String, Integer> byName = new HashMap<>();
		for (int i = metaData.getColumnCount(); i > 0; i--) {
			byName.put(metaData.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
		}
		int[] columns = new int[REQUIRED.size() + 1];
		for (int i = 0; i < REQUIRED.size(); i++) {
			Integer column = byName.get(REQUIRED.get(i));
			if (column == null) {
				throw new MigrationException(Reason.DATABASE, "The history table " + this.qualifiedName
						+ " is not as migrator created it (it has no column " + REQUIRED.get(i) + "): it was changed by"
						+ " hand. Restore it from a backup, or put the missing column back as migrator defines it ("
						+ COLUMNS + "; see 'The ledger' in the user guide), then start again", null, 0, null, null);
			}
			columns[i] = column;
		}
		columns[REQUIRED.size()] = byName.getOrDefault(FINGERPRINT, 0);
		return columns;
	}

	/**
	 * Whether the table has the fingerprint column that 0.3.0 added, as last read.
	 * @return {@code false} for a table an earlier version created and nobody upgraded
	 */
	public boolean hasFingerprints() {
		return this.fingerprints;
	}

	/**
	 * Add the fingerprint column to a table an earlier version created. The column is
	 * nullable and has no default, so adding it changes only the catalog (no rewrite on
	 * PostgreSQL, MariaDB or H2); rows written before keep no fingerprint and are
	 * compared by their checksum.
	 * @param connection a connection in auto-commit mode
	 * @throws SQLException if the database refuses (the user does not own the table)
	 */
	public void upgrade(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE " + this.qualifiedName + " ADD " + FINGERPRINT + " VARCHAR(40)");
		}
		this.fingerprints = true;
	}

	/**
	 * A read of the table failed: a table changed by hand or a missing grant get a
	 * message that says what to do; anything else is the database's error as it is.
	 */
	private SQLException unreadable(Connection connection, SQLException ex) throws SQLException {
		if (this.dialect.isUndefinedColumn(ex)) {
			throw new MigrationException(Reason.DATABASE,
					"The history table " + this.qualifiedName + " is not as migrator created it ("
							+ ex.getMessage().strip() + "): it was changed by hand."
							+ " Restore it from a backup, or put the missing column back as migrator defines it ("
							+ COLUMNS + "; see 'The ledger' in the user guide), then start again",
					null, 0, ex.getSQLState(), ex);
		}
		if (this.dialect.isPermissionDenied(ex)) {
			String user = connection.getMetaData().getUserName();
			throw new MigrationException(Reason.DATABASE, "The database user '" + user + "' may not read the history"
					+ " table " + this.qualifiedName + " (" + ex.getMessage().strip() + "). Grant it: GRANT SELECT ON "
					+ this.qualifiedName + " TO " + user + " (mode await and the info command only read the table;"
					+ " the user that migrates also needs INSERT on it, and CREATE on its schema the first time)", null,
					0, ex.getSQLState(), ex);
		}
		return ex;
	}

	/**
	 * Count the rows: one small query, cheap enough to repeat while waiting for a peer
	 * that migrates. Until the table has been seen, the dialect is asked first whether it
	 * exists, so that polling a table a peer has not created yet raises no error in the
	 * database each time.
	 * @param connection a connection in auto-commit mode
	 * @return the number of rows, or {@code -1} when the table does not exist yet
	 * @throws SQLException if the database fails
	 */
	public long count(Connection connection) throws SQLException {
		try {
			if (!this.exists && !this.dialect.tableExists(connection, this.currentSchema, this.table)) {
				return -1;
			}
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT count(*) FROM " + this.qualifiedName)) {
				result.next();
				this.exists = true;
				return result.getLong(1);
			}
		}
		catch (SQLException ex) {
			if (this.dialect.isUndefinedTable(ex)) {
				// Dropped by hand since it was seen: ask first again next time.
				this.exists = false;
				return -1;
			}
			throw unreadable(connection, ex);
		}
	}

	/**
	 * One row as migrator wrote it. The table is an ordinary table, so a person can
	 * change it; a value migrator never writes is reported with the row's id rather than
	 * failing deep inside the plan.
	 */
	private HistoryRow row(ResultSet result, int[] columns) throws SQLException {
		long id = result.getLong(columns[0]);
		try {
			String version = result.getString(columns[1]);
			String fingerprint = (columns[10] > 0) ? result.getString(columns[10]) : null;
			return new HistoryRow(id, (version != null) ? Version.parse(version) : null,
					required(result.getString(columns[2]), "description"),
					named(MigrationType.class, result.getString(columns[3]), "type"),
					required(result.getString(columns[4]), "script"), result.getString(columns[5]), fingerprint,
					named(HistoryStatus.class, result.getString(columns[6]), "status"),
					required(result.getString(columns[7]), "installed_by"),
					required(this.dialect.timestamp(result, columns[8]), "installed_on"), result.getLong(columns[9]));
		}
		catch (IllegalArgumentException ex) {
			throw new MigrationException(Reason.DATABASE, "Row id " + id + " of the history table " + this.qualifiedName
					+ " is not as migrator wrote it: " + ex.getMessage() + ". The ledger is append-only and only"
					+ " migrator writes to it, so the row was changed by hand. Restore the row as it was (from a backup),"
					+ " then start again; to record a correction, use repair (migrator.command=repair) instead of editing"
					+ " rows", null, 0, null, ex);
		}
	}

	private static <E extends Enum<E>> E named(Class<E> type, @Nullable String value, String column) {
		String name = required(value, column);
		for (E constant : type.getEnumConstants()) {
			if (constant.name().equals(name)) {
				return constant;
			}
		}
		throw new IllegalArgumentException(
				column + " is '" + name + "', not one of " + Arrays.toString(type.getEnumConstants()));
	}

	private static <T> T required(@Nullable T value, String column) {
		if (value == null) {
			throw new IllegalArgumentException(column + " is NULL");
		}
		return value;
	}

	/**
	 * Create the table (and its schema when one is configured).
	 * @param connection a connection in auto-commit mode
	 * @throws SQLException if the database refuses
	 */
	public void create(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			if (this.schema != null) {
				statement.execute("CREATE SCHEMA IF NOT EXISTS " + this.dialect.quote(this.schema));
			}
			statement
				.execute("CREATE TABLE IF NOT EXISTS " + this.qualifiedName + " (" + "id BIGINT NOT NULL PRIMARY KEY, "
						+ "version VARCHAR(50), " + "description VARCHAR(255) NOT NULL, "
						+ "type VARCHAR(20) NOT NULL, " + "script VARCHAR(1000) NOT NULL, " + "checksum VARCHAR(64), "
						+ "status VARCHAR(20) NOT NULL, " + "installed_by VARCHAR(100) NOT NULL, " + "installed_on "
						+ this.dialect.timestampType() + " NOT NULL, " + "execution_time BIGINT NOT NULL, "
						+ FINGERPRINT + " VARCHAR(40))" + this.dialect.tableOptions());
		}
		this.fingerprints = true;
	}

	/**
	 * Append a row, in the connection's current transaction if it has one.
	 * @param connection the migration connection
	 * @param row the row; its id must follow the last one read
	 * @throws SQLException if the database refuses
	 */
	public void append(Connection connection, HistoryRow row) throws SQLException {
		Object[] values = values(row);
		String parameters = "?, ".repeat(values.length - 1) + "?";
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO " + this.qualifiedName + " (" + columns() + ") VALUES (" + parameters + ")")) {
			values[8] = this.dialect.timestampParameter(row.installedOn());
			for (int i = 0; i < values.length; i++) {
				if (values[i] != null) {
					insert.setObject(i + 1, values[i]);
				}
				else {
					insert.setNull(i + 1, Types.VARCHAR);
				}
			}
			insert.executeUpdate();
		}
	}

	/**
	 * The INSERT of {@link #append} as one statement of literals, so that it can join the
	 * batch of a script's last statements and commit with them. It writes the same row,
	 * except for the times, since the script's last statements run after this text is
	 * made: the execution time is measured by the server when the row is inserted, and
	 * {@code installed_on} is when the text was made, earlier than {@link #append} would
	 * record by at most the last batch.
	 * @param batching how the dialect writes literals
	 * @param row the row; its id must follow the last one read
	 * @param millisBeforeTransaction how long the script took before its transaction
	 * began (setting timeouts, earlier attempts), added to the time the transaction has
	 * taken
	 * @return the statement
	 */
	public String appendStatement(Dialect.Batching batching, HistoryRow row, long millisBeforeTransaction) {
		Object[] values = values(row);
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(this.qualifiedName)
			.append(" (")
			.append(columns())
			.append(") VALUES (");
		for (int i = 0; i < values.length; i++) {
			if (i == 9) {
				sql.append(millisBeforeTransaction).append(" + ").append(batching.transactionMillis());
			}
			else {
				sql.append(batching.literal(values[i]));
			}
			sql.append((i < values.length - 1) ? ", " : ")");
		}
		return sql.toString();
	}

	private String columns() {
		return this.fingerprints ? COLUMNS + ", " + FINGERPRINT : COLUMNS;
	}

	/**
	 * The row's values in {@link #columns()} order, as both ways of appending write them.
	 */
	private @Nullable Object[] values(HistoryRow row) {
		@Nullable Object[] values = { row.id(), (row.version() != null) ? row.version().toString() : null,
				truncate(row.description(), 255), row.type().name(), truncate(row.script(), 1000), row.checksum(),
				row.status().name(), truncate(row.installedBy(), 100), row.installedOn(), row.executionMillis(),
				row.fingerprint() };
		return this.fingerprints ? values : Arrays.copyOf(values, 10);
	}

	private static String truncate(String value, int max) {
		return (value.length() <= max) ? value : value.substring(0, max);
	}

}
