package io.migrator.core.internal.flyway;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.migrator.core.internal.dialect.Dialect;
import org.jspecify.annotations.Nullable;

/**
 * Flyway's history table, only ever read: {@code SELECT} of its columns in
 * {@code installed_rank} order.
 */
final class FlywayHistory {

	private static final List<String> COLUMNS = List.of("installed_rank", "version", "description", "type", "script",
			"checksum", "installed_by", "installed_on", "execution_time", "success");

	private final Dialect dialect;

	private final String schema;

	private final String table;

	/**
	 * @param dialect the database's dialect
	 * @param schema the table's schema, as stored
	 * @param table the table's name, as stored
	 */
	FlywayHistory(Dialect dialect, String schema, String table) {
		this.dialect = dialect;
		this.schema = schema;
		this.table = table;
	}

	/**
	 * The quoted, qualified name, for SQL and messages.
	 * @return the name
	 */
	String qualifiedName() {
		return this.dialect.quote(this.schema) + "." + this.dialect.quote(this.table);
	}

	/**
	 * Every row, when the table exists.
	 * @param connection the migration connection
	 * @return the rows in {@code installed_rank} order, or {@code null} when there is no
	 * such table
	 * @throws SQLException if the table cannot be read
	 */
	@Nullable List<FlywayRow> read(Connection connection) throws SQLException {
		if (!this.dialect.tableExists(connection, this.schema, this.table)) {
			return null;
		}
		List<FlywayRow> rows = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(select())) {
			while (result.next()) {
				int checksum = result.getInt(6);
				Integer nullableChecksum = result.wasNull() ? null : checksum;
				rows.add(new FlywayRow(result.getInt(1), result.getString(2), text(result.getString(3)),
						text(result.getString(4)), text(result.getString(5)), nullableChecksum,
						text(result.getString(7)), installedOn(result.getTimestamp(8)), result.getLong(9),
						result.getBoolean(10)));
			}
		}
		return rows;
	}

	/**
	 * Flyway quotes its column names on some databases (H2 keeps them lower case), so
	 * they are quoted here too.
	 */
	private String select() {
		StringBuilder sql = new StringBuilder("SELECT ");
		for (int i = 0; i < COLUMNS.size(); i++) {
			sql.append((i > 0) ? ", " : "").append(this.dialect.quote(COLUMNS.get(i)));
		}
		return sql.append(" FROM ")
			.append(qualifiedName())
			.append(" ORDER BY ")
			.append(this.dialect.quote(COLUMNS.get(0)))
			.toString();
	}

	private static String text(@Nullable String value) {
		return (value != null) ? value : "";
	}

	/**
	 * Flyway's {@code installed_on} is a timestamp without time zone, written by the
	 * server's {@code now()} in the session's zone, which the JDBC driver sets to the
	 * JVM's: read back the same way, it is the same instant.
	 */
	private static OffsetDateTime installedOn(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant().atOffset(ZoneOffset.UTC)
				: OffsetDateTime.ofInstant(java.time.Instant.EPOCH, ZoneOffset.UTC);
	}

}
