package io.migrator.core.internal.sql;

import static io.migrator.core.internal.sql.LockMode.ACCESS_EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.ACCESS_SHARE;
import static io.migrator.core.internal.sql.LockMode.ROW_EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.ROW_SHARE;
import static io.migrator.core.internal.sql.LockMode.SHARE;
import static io.migrator.core.internal.sql.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.SHARE_UPDATE_EXCLUSIVE;
import static io.migrator.core.internal.sql.TransactionUse.ANY;
import static io.migrator.core.internal.sql.TransactionUse.ENDS;
import static io.migrator.core.internal.sql.TransactionUse.OUTSIDE;
import static java.util.Map.entry;

import java.util.Map;
import java.util.Set;

import io.migrator.core.internal.sql.StatementReader.Folding;
import io.migrator.core.internal.sql.StatementTokens.Type;

/**
 * Classifies statements by PostgreSQL's rules.
 *
 * <p>
 * Each statement is read once, front to back, and only as far as needed:
 * <ol>
 * <li>The first word picks a reader: the forms PostgreSQL shares with H2 are read by
 * {@link CommonSyntax}, its own ({@code VACUUM}, {@code COPY}, {@code ALTER TABLE}
 * subcommands, {@code CONCURRENTLY}) by the readers here, which take over the same
 * cursor.</li>
 * <li>An {@code INSERT}, {@code UPDATE}, {@code DELETE} or {@code MERGE} is then read to
 * its end for a {@code RETURNING}, at any depth, since a statement that returns rows
 * cannot go in a JDBC batch; that scan is the rest of the same pass. A {@code SELECT} is
 * read on for {@code FOR UPDATE} or {@code FOR SHARE}.</li>
 * <li>A statement whose reader found no lower or stronger lock takes the one PostgreSQL's
 * 'Explicit Locking' chapter documents for its command.</li>
 * </ol>
 * Keywords inside strings, quoted identifiers, comments and dollar-quoted bodies never
 * count.
 *
 * <p>
 * Batching is an allow-list by first word, because a batch has no place for rows: older
 * pgjdbc versions refuse them ("A result was returned when none was expected") after the
 * server ran the statement, and 42.7 reads them all and drops them. {@code SELECT},
 * {@code VALUES}, {@code WITH}, {@code SHOW}, {@code CALL}, {@code EXECUTE}, a statement
 * in parentheses, and every word not on the list run alone.
 */
public final class PostgresStatementClassifier implements StatementClassifier {

	/** First words of statements that never return rows, whatever follows. */
	private static final Set<String> ROWLESS = Set.of("ALTER", "ANALYZE", "CLUSTER", "COMMENT", "CREATE", "DO", "DROP",
			"GRANT", "IMPORT", "LOCK", "NOTIFY", "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET", "REVOKE",
			"SAVEPOINT", "SET", "TRUNCATE");

	/** First words of statements that return rows only with a RETURNING clause. */
	private static final Set<String> DATA_CHANGES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");

	/**
	 * Words that cannot be a table's name unquoted: PostgreSQL's reserved keywords and
	 * those reserved but for function and type names.
	 */
	private static final Set<String> RESERVED = Set.of("ALL", "ANALYSE", "ANALYZE", "AND", "ANY", "ARRAY", "AS", "ASC",
			"ASYMMETRIC", "BOTH", "CASE", "CAST", "CHECK", "COLLATE", "COLUMN", "CONSTRAINT", "CREATE",
			"CURRENT_CATALOG", "CURRENT_DATE", "CURRENT_ROLE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER",
			"DEFAULT", "DEFERRABLE", "DESC", "DISTINCT", "DO", "ELSE", "END", "EXCEPT", "FALSE", "FETCH", "FOR",
			"FOREIGN", "FROM", "GRANT", "GROUP", "HAVING", "IN", "INITIALLY", "INTERSECT", "INTO", "LATERAL", "LEADING",
			"LIMIT", "LOCALTIME", "LOCALTIMESTAMP", "NOT", "NULL", "OFFSET", "ON", "ONLY", "OR", "ORDER", "PLACING",
			"PRIMARY", "REFERENCES", "RETURNING", "SELECT", "SESSION_USER", "SOME", "SYMMETRIC", "SYSTEM_USER", "TABLE",
			"THEN", "TO", "TRAILING", "TRUE", "UNION", "UNIQUE", "USER", "USING", "VARIADIC", "WHEN", "WHERE", "WINDOW",
			"WITH", "AUTHORIZATION", "BINARY", "COLLATION", "CONCURRENTLY", "CROSS", "CURRENT_SCHEMA", "FREEZE", "FULL",
			"ILIKE", "INNER", "IS", "ISNULL", "JOIN", "LEFT", "LIKE", "NATURAL", "NOTNULL", "OUTER", "OVERLAPS",
			"RIGHT", "SIMILAR", "TABLESAMPLE", "VERBOSE");

	/**
	 * Commands on objects of the whole cluster, which refuse a transaction block.
	 */
	private static final Set<String> CLUSTER_WIDE = Set.of("CREATE DATABASE", "DROP DATABASE", "CREATE TABLESPACE",
			"DROP TABLESPACE", "CREATE SUBSCRIPTION", "DROP SUBSCRIPTION", "ALTER SYSTEM");

	/**
	 * The lock each command takes on its relation, from PostgreSQL's 'Explicit Locking'
	 * table, unless its reader found a form that takes another ({@code CONCURRENTLY},
	 * {@code VACUUM FULL}, an {@code ALTER TABLE} subcommand,
	 * {@code LOCK ... IN ... MODE}). A command not here takes none that the classifier
	 * knows of.
	 */
	private static final Map<String, LockMode> LOCKS = Map.ofEntries(entry("SELECT", ACCESS_SHARE),
			entry("INSERT", ROW_EXCLUSIVE), entry("UPDATE", ROW_EXCLUSIVE), entry("DELETE", ROW_EXCLUSIVE),
			entry("MERGE", ROW_EXCLUSIVE), entry("VACUUM", SHARE_UPDATE_EXCLUSIVE),
			entry("ANALYZE", SHARE_UPDATE_EXCLUSIVE), entry("COMMENT", SHARE_UPDATE_EXCLUSIVE),
			entry("CREATE INDEX", SHARE), entry("CREATE TRIGGER", SHARE_ROW_EXCLUSIVE),
			entry("ALTER TABLE", ACCESS_EXCLUSIVE), entry("DROP TABLE", ACCESS_EXCLUSIVE),
			entry("DROP INDEX", ACCESS_EXCLUSIVE), entry("DROP VIEW", ACCESS_EXCLUSIVE),
			entry("DROP MATERIALIZED VIEW", ACCESS_EXCLUSIVE), entry("TRUNCATE TABLE", ACCESS_EXCLUSIVE),
			entry("CLUSTER", ACCESS_EXCLUSIVE), entry("REINDEX", ACCESS_EXCLUSIVE),
			entry("REFRESH MATERIALIZED VIEW", ACCESS_EXCLUSIVE), entry("LOCK TABLE", ACCESS_EXCLUSIVE));

	@Override
	public ClassifiedStatement classify(SqlStatement statement) {
		StatementReader reader = reader(statement.sql());
		String word = CommonSyntax.firstWord(reader);
		read(reader, word);
		StatementTokens tokens = reader.tokens;
		if (DATA_CHANGES.contains(word)) {
			// RETURNING anywhere, even in a sub-statement, sends the statement alone:
			// cheap to be wrong that way.
			reader.batchable = !tokens.seekAnyDepth("RETURNING");
		}
		else {
			reader.batchable = ROWLESS.contains(word) || reader.command.equals("SECURITY LABEL");
		}
		if (reader.command.equals("SELECT") && reader.relation != null && locksRows(tokens)) {
			reader.lock = ROW_SHARE;
		}
		if (reader.relation == null) {
			reader.lock = null;
		}
		else if (reader.lock == null) {
			reader.lock = LOCKS.get(reader.command);
		}
		return reader.toStatement(statement);
	}

	/**
	 * A reader of one statement by PostgreSQL's name rules, for the classifier and for
	 * the closer readings the linter asks for ({@link PostgresAlterActions},
	 * {@link PostgresDetails}).
	 */
	static StatementReader reader(String sql) {
		return new StatementReader(sql, Folding.LOWER, RESERVED);
	}

	private static void read(StatementReader reader, String word) {
		StatementTokens tokens = reader.tokens;
		switch (word) {
			case "ABORT" -> {
				reader.command = "ROLLBACK";
				reader.transaction = ENDS;
			}
			case "PREPARE" -> {
				// PREPARE name AS ... is an ordinary prepared statement
				boolean twoPhase = tokens.accept("TRANSACTION");
				reader.command = twoPhase ? "PREPARE TRANSACTION" : "PREPARE";
				reader.transaction = twoPhase ? ENDS : ANY;
			}
			case "COMMIT", "ROLLBACK" -> {
				TransactionControl.read(reader, word);
				if (tokens.isWord("PREPARED")) {
					reader.command = word + " PREPARED";
					reader.transaction = OUTSIDE;
				}
			}
			case "CREATE", "DROP", "ALTER" -> definition(reader, word);
			case "VACUUM" -> PostgresUtility.vacuum(reader);
			case "ANALYZE", "ANALYSE" -> PostgresUtility.analyze(reader);
			case "CLUSTER" -> PostgresUtility.cluster(reader);
			case "REINDEX" -> PostgresUtility.reindex(reader);
			case "REFRESH" -> PostgresUtility.refresh(reader);
			case "LOCK" -> PostgresUtility.lock(reader);
			case "COPY" -> PostgresCopy.read(reader);
			case "DISCARD" -> {
				reader.command = tokens.isWord("ALL") ? "DISCARD ALL" : "DISCARD";
				reader.transaction = tokens.isWord("ALL") ? OUTSIDE : ANY;
			}
			case "SECURITY" -> reader.command = tokens.isWord("LABEL") ? "SECURITY LABEL" : "SECURITY";
			default -> CommonSyntax.read(reader, word);
		}
	}

	/**
	 * CREATE, DROP and ALTER: the shared reading of the object and its relation, with
	 * PostgreSQL's rules around it: {@code CONCURRENTLY} right after INDEX, the
	 * cluster-wide objects, and what ALTER TABLE, ALTER DATABASE and ALTER SUBSCRIPTION
	 * subcommands do.
	 */
	private static void definition(StatementReader reader, String verb) {
		CommonSyntax.objectType(reader, verb);
		String command = reader.command;
		if ((command.equals("CREATE INDEX") || command.equals("DROP INDEX")) && reader.tokens.accept("CONCURRENTLY")) {
			// CONCURRENTLY is reserved, so right after INDEX it cannot be an index name
			PostgresUtility.concurrently(reader);
		}
		CommonSyntax.objectTarget(reader);
		if (CLUSTER_WIDE.contains(command)) {
			reader.transaction = OUTSIDE;
		}
		else if (command.equals("ALTER TABLE")) {
			PostgresAlter.table(reader);
		}
		else if (command.equals("ALTER DATABASE") && reader.tokens.seekPair("SET", "TABLESPACE")) {
			reader.transaction = OUTSIDE;
		}
		else if (command.equals("ALTER SUBSCRIPTION") && PostgresAlter.refreshesSubscription(reader.tokens)) {
			reader.transaction = OUTSIDE;
		}
	}

	/**
	 * Reads the rest of a SELECT for a locking clause ({@code FOR UPDATE},
	 * {@code FOR NO KEY UPDATE}, {@code FOR SHARE}, {@code FOR KEY SHARE}) outside
	 * parentheses.
	 */
	private static boolean locksRows(StatementTokens tokens) {
		boolean afterFor = false;
		for (; tokens.type() != Type.END; tokens.next()) {
			if (tokens.depth() == 0) {
				if (afterFor && (tokens.isWord("UPDATE") || tokens.isWord("SHARE") || tokens.isWord("NO")
						|| tokens.isWord("KEY"))) {
					return true;
				}
				afterFor = tokens.isWord("FOR");
			}
		}
		return false;
	}

}
