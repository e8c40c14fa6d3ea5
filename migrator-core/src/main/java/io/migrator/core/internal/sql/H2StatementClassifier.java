package io.migrator.core.internal.sql;

import java.util.Set;

import io.migrator.core.internal.sql.StatementReader.Folding;

/**
 * Classifies statements by H2's rules, which are few: H2 is the embedded database for
 * development, so this classifier only needs the command, the relation, and whether the
 * script opens or ends its own transaction.
 * <ul>
 * <li>{@code BEGIN [TRANSACTION | WORK]} and {@code START TRANSACTION} begin;
 * {@code COMMIT}, {@code END} and {@code ROLLBACK} end; {@code ROLLBACK TO SAVEPOINT}
 * does not.</li>
 * <li>Nothing is refused inside a transaction: H2 has no {@code CONCURRENTLY} or
 * {@code VACUUM}, and PostgreSQL's rules for them must not fire on a statement H2 will
 * reject itself with a better message.</li>
 * <li>No lock is reported (H2 locks rows or tables by its own engine rules, not
 * PostgreSQL's table), nothing is batched (H2 scripts are never batched), and nothing is
 * unsupported: PostgreSQL's COPY is not H2's concern.</li>
 * <li>Unquoted names are folded to upper case, as H2 does with its default
 * {@code DATABASE_TO_UPPER=TRUE}.</li>
 * </ul>
 * The statement is read once, only as far as its relation.
 */
public final class H2StatementClassifier implements StatementClassifier {

	/**
	 * Words that cannot be a table's name unquoted in any H2 2.x: its reserved keywords
	 * (newer versions reserve a few more).
	 */
	private static final Set<String> RESERVED = Set.of("ALL", "ARRAY", "CASE", "CHECK", "CONSTRAINT", "CROSS",
			"CURRENT_CATALOG", "CURRENT_DATE", "CURRENT_SCHEMA", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_USER",
			"DISTINCT", "EXCEPT", "EXISTS", "FALSE", "FETCH", "FOR", "FOREIGN", "FROM", "FULL", "GROUP", "HAVING", "IF",
			"INNER", "INTERSECT", "INTERSECTS", "INTERVAL", "IS", "JOIN", "LEFT", "LIKE", "LIMIT", "LOCALTIME",
			"LOCALTIMESTAMP", "MINUS", "NATURAL", "NOT", "NULL", "OFFSET", "ON", "ORDER", "PRIMARY", "QUALIFY", "RIGHT",
			"ROW", "_ROWID_", "ROWNUM", "SELECT", "TABLE", "TRUE", "UNION", "UNIQUE", "UNKNOWN", "USING", "VALUES",
			"WHERE", "WINDOW", "WITH");

	@Override
	public ClassifiedStatement classify(SqlStatement statement) {
		StatementReader reader = new StatementReader(statement.sql(), Folding.UPPER, RESERVED);
		CommonSyntax.read(reader, CommonSyntax.firstWord(reader));
		return reader.toStatement(statement);
	}

}
