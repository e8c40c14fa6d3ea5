package io.migrator.core.internal.lint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the linter knows about the database the scripts will run on. Table names are
 * qualified, {@code schema.table}, as the classifier resolves names (unquoted parts
 * folded to lower case); a bare name in a statement means the table in {@code schema},
 * the first schema of the search path, so {@code orders} and {@code public.orders} are
 * the same table.
 *
 * @param schema the schema a bare table name resolves to
 * @param tables the ordinary and partitioned tables that exist, qualified
 * @param columns the type of each column of those tables ({@code format_type}, such as
 * {@code character varying(20)}), by qualified table name, then column name
 * @param serverVersion {@code server_version_num}, such as {@code 150004}; 0 when unknown
 * @param lockTimeout the lock timeout migrator sets for the run, {@code null} when
 * unknown; zero means none
 * @param statementTimeout the statement timeout migrator sets for the run, {@code null}
 * when unknown; zero means none
 * @param live whether the facts were read from the database (else only the scripts tell
 * which tables exist)
 * @since 0.2.0
 */
public record SchemaFacts(String schema, Set<String> tables, Map<String, Map<String, String>> columns,
		int serverVersion, @Nullable Duration lockTimeout, @Nullable Duration statementTimeout, boolean live) {

	private static final String TABLES_AND_COLUMNS = """
			SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod)
			FROM pg_catalog.pg_class c
			JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
			LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
			WHERE c.relkind IN ('r', 'p') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'""";

	public SchemaFacts {
		tables = Set.copyOf(tables);
		columns = Map.copyOf(columns);
	}

	/**
	 * Facts without a database: no table is known to exist but those the earlier scripts
	 * create, and the server version is unknown (the rules assume PostgreSQL 11 or
	 * later).
	 * @param lockTimeout migrator's configured lock timeout, {@code null} if unknown
	 * @param statementTimeout migrator's configured statement timeout, {@code null} if
	 * unknown
	 * @return the facts, with bare names in schema {@code public}
	 */
	public static SchemaFacts offline(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout) {
		return new SchemaFacts("public", Set.of(), Map.of(), 0, lockTimeout, statementTimeout, false);
	}

	/**
	 * Reads the facts from PostgreSQL's catalog: every ordinary and partitioned table
	 * outside the system schemas, with its columns' types, the server version and the
	 * current schema. Reads only; takes no lock beyond the catalog reads.
	 * @param connection a connection to the database the scripts will run on
	 * @param lockTimeout migrator's configured lock timeout
	 * @param statementTimeout migrator's configured statement timeout
	 * @return the facts
	 * @throws SQLException if the catalog cannot be read
	 */
	public static SchemaFacts read(Connection connection, Duration lockTimeout, Duration statementTimeout)
			throws SQLException {
		Set<String> tables = new HashSet<>();
		Map<String, Map<String, String>> columns = new HashMap<>();
		try (Statement statement = connection.createStatement()) {
			String schema;
			int version;
			try (ResultSet result = statement
				.executeQuery("SELECT current_schema(), current_setting('server_version_num')::int")) {
				result.next();
				schema = (result.getString(1) != null) ? result.getString(1) : "public";
				version = result.getInt(2);
			}
			try (ResultSet result = statement.executeQuery(TABLES_AND_COLUMNS)) {
				while (result.next()) {
					String table = result.getString(1) + "." + result.getString(2);
					tables.add(table);
					if (result.getString(3) != null) {
						columns.computeIfAbsent(table, (name) -> new HashMap<>())
							.put(result.getString(3), result.getString(4));
					}
				}
			}
			columns.replaceAll((table, types) -> Map.copyOf(types));
			return new SchemaFacts(schema, tables, columns, version, lockTimeout, statementTimeout, true);
		}
	}

	/**
	 * A table name as the database resolves it.
	 * @param relation a name as the classifier gives it, bare or qualified
	 * @return {@code schema.table}
	 */
	public String qualified(String relation) {
		return (relation.indexOf('.') >= 0) ? relation : this.schema + "." + relation;
	}

	/**
	 * Whether the database has a table.
	 * @param relation the name, bare or qualified
	 * @return whether it exists
	 */
	public boolean exists(String relation) {
		return this.tables.contains(qualified(relation));
	}

	/**
	 * The type of a column, when the catalog was read.
	 * @param relation the table, bare or qualified
	 * @param column the column
	 * @return its type as {@code format_type} writes it, or {@code null} if unknown
	 */
	public @Nullable String columnType(String relation, String column) {
		Map<String, String> types = this.columns.get(qualified(relation));
		return (types != null) ? types.get(column) : null;
	}

}
