package io.migrator.core.internal.sql;

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

}
