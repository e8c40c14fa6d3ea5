package io.migrator.core.internal.sql;

import java.io.Reader;
import java.util.Iterator;

/**
 * Reads a statement once and says what running it involves, by one database's rules. Each
 * dialect owns one, so PostgreSQL's rules (a {@code CONCURRENTLY} that refuses a
 * transaction, a {@code COPY FROM STDIN} that JDBC cannot feed) never apply to another
 * database. Implementations are stateless and thread-safe.
 */
public interface StatementClassifier {

	/**
	 * Classifies one statement, as returned by {@link SqlSplitter}.
	 * @param statement the statement
	 * @return its command, the relation it works on, the lock it takes there, what it
	 * does with the transaction, and whether it may be batched or run at all
	 */
	ClassifiedStatement classify(SqlStatement statement);

	/**
	 * Splits a script held in memory with this database's lexical rules: PostgreSQL's,
	 * which H2 shares, unless the dialect reads scripts otherwise.
	 * @param script the script text
	 * @return its statements, read lazily
	 */
	default Iterator<SqlStatement> split(String script) {
		return SqlSplitter.stream(script);
	}

	/**
	 * Splits a script read incrementally, as {@link #split(String)} does.
	 * @param reader the script, not closed
	 * @return its statements, read lazily
	 */
	default Iterator<SqlStatement> split(Reader reader) {
		return SqlSplitter.stream(reader);
	}

}
