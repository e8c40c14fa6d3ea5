package io.migrator.core.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * The append-only history ledger: created on first use, read whole, and only ever added to.
 * Rows are never updated or deleted; every state is derived from them (see
 * {@link io.migrator.core.plan.Plan}).
 *
 * @since 0.1.0
 */
public final class HistoryTable {

	private static final String COLUMNS = "id, version, description, type, script, checksum, status, installed_by,"
			+ " installed_on, execution_time";

	private final Dialect dialect;

	private final @Nullable String schema;

	private final String table;

	private final String qualifiedName;

	/**
	 * @param dialect the database's dialect
	 * @param schema the schema to create when missing, {@code null} when the table lives in the
	 * current schema
	 * @param currentSchema the schema the table lives in
	 * @param table the table name
	 */
	public HistoryTable(Dialect dialect, @Nullable String schema, String currentSchema, String table) {
		this.dialect = dialect;
		this.schema = schema;
		this.table = table;
		this.qualifiedName = dialect.quote(currentSchema) + "." + dialect.quote(table);
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
	 * @param connection a connection in auto-commit mode, or in a transaction that can take an error
	 * @return the rows, or {@code null} when the table does not exist yet
	 * @throws SQLException if the table exists but cannot be read
	 */
	public @Nullable List<HistoryRow> read(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT " + COLUMNS + " FROM " + this.qualifiedName + " ORDER BY id")) {
			List<HistoryRow> rows = new ArrayList<>();
			while (result.next()) {
				String version = result.getString(2);
				rows.add(new HistoryRow(result.getLong(1), (version != null) ? Version.parse(version) : null,
						result.getString(3), MigrationType.valueOf(result.getString(4)), result.getString(5),
						result.getString(6), HistoryStatus.valueOf(result.getString(7)), result.getString(8),
						result.getObject(9, OffsetDateTime.class), result.getLong(10)));
			}
			return rows;
		}
		catch (SQLException ex) {
			if (this.dialect.isUndefinedTable(ex)) {
				return null;
			}
			throw ex;
		}
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
			statement.execute("CREATE TABLE IF NOT EXISTS " + this.qualifiedName + " ("
					+ "id BIGINT NOT NULL PRIMARY KEY, "
					+ "version VARCHAR(50), "
					+ "description VARCHAR(255) NOT NULL, "
					+ "type VARCHAR(20) NOT NULL, "
					+ "script VARCHAR(1000) NOT NULL, "
					+ "checksum VARCHAR(64), "
					+ "status VARCHAR(20) NOT NULL, "
					+ "installed_by VARCHAR(100) NOT NULL, "
					+ "installed_on TIMESTAMP WITH TIME ZONE NOT NULL, "
					+ "execution_time BIGINT NOT NULL)");
		}
	}

	/**
	 * Append a row, in the connection's current transaction if it has one.
	 * @param connection the migration connection
	 * @param row the row; its id must follow the last one read
	 * @throws SQLException if the database refuses
	 */
	public void append(Connection connection, HistoryRow row) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + this.qualifiedName + " ("
				+ COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
			insert.setLong(1, row.id());
			if (row.version() != null) {
				insert.setString(2, row.version().toString());
			}
			else {
				insert.setNull(2, Types.VARCHAR);
			}
			insert.setString(3, truncate(row.description(), 255));
			insert.setString(4, row.type().name());
			insert.setString(5, truncate(row.script(), 1000));
			insert.setString(6, row.checksum());
			insert.setString(7, row.status().name());
			insert.setString(8, truncate(row.installedBy(), 100));
			insert.setObject(9, row.installedOn());
			insert.setLong(10, row.executionMillis());
			insert.executeUpdate();
		}
	}

	private static String truncate(String value, int max) {
		return (value.length() <= max) ? value : value.substring(0, max);
	}

}
