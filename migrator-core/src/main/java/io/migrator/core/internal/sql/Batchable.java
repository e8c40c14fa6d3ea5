package io.migrator.core.internal.sql;

import java.util.Set;

import io.migrator.core.internal.sql.StatementTokens.Type;

/**
 * Which statements may travel in a JDBC batch: those that certainly return no rows. A
 * batch has no place for rows: older pgjdbc versions refuse them ("A result was returned
 * when none was expected") after the server ran the statement, and 42.7 reads them all
 * and drops them. So the test is an allow-list by first keyword, and anything not on it
 * runs alone: {@code SELECT}, {@code VALUES}, {@code WITH}, {@code SHOW}, {@code TABLE},
 * {@code EXPLAIN}, {@code CALL}, {@code EXECUTE}, {@code FETCH}, a statement in
 * parentheses, and every keyword this class does not know.
 *
 * <p>
 * Statements are read as tokens, so a keyword inside a string, quoted identifier, comment
 * or dollar-quoted body never counts.
 *
 * @since 0.1.0
 */
public final class Batchable {

	/** First keywords of statements that never return rows, whatever follows. */
	private static final Set<String> ROWLESS = Set.of("ALTER", "ANALYZE", "CLUSTER", "COMMENT", "CREATE", "DO", "DROP",
			"GRANT", "IMPORT", "LOCK", "NOTIFY", "REASSIGN", "REFRESH", "REINDEX", "RELEASE", "RESET", "REVOKE",
			"SAVEPOINT", "SET", "TRUNCATE");

	/** First keywords of statements that return rows only with a RETURNING clause. */
	private static final Set<String> DATA_CHANGES = Set.of("INSERT", "UPDATE", "DELETE", "MERGE");

	private Batchable() {
	}

	/**
	 * Tells whether a statement may be sent in a JDBC batch.
	 * @param statement the statement text, as returned by {@link SqlSplitter}
	 * @return {@code true} when it certainly returns no rows; {@code false} when it may
	 */
	public static boolean isBatchable(String statement) {
		StatementTokens tokens = new StatementTokens(statement);
		if (tokens.next() != Type.WORD) {
			return false;
		}
		if (isAny(tokens, ROWLESS)) {
			return true;
		}
		if (tokens.isWord("SECURITY")) {
			tokens.next();
			return tokens.isWord("LABEL");
		}
		// RETURNING anywhere, even in a sub-statement, sends the statement alone: cheap
		// to be wrong that way.
		return isAny(tokens, DATA_CHANGES) && !tokens.skipToAnyDepth("RETURNING");
	}

	private static boolean isAny(StatementTokens tokens, Set<String> keywords) {
		for (String keyword : keywords) {
			if (tokens.isWord(keyword)) {
				return true;
			}
		}
		return false;
	}

}
