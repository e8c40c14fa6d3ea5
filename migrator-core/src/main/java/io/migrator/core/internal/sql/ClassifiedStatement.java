package io.migrator.core.internal.sql;

import org.jspecify.annotations.Nullable;

/**
 * A statement of a script and what running it involves, decided once when the script is
 * prepared, so the executor, the batcher and a linter read the same answer instead of
 * each tokenising the statement again.
 *
 * @param sql the statement text, as in {@link SqlStatement#sql()}
 * @param line the 1-based line on which the statement starts, as in
 * {@link SqlStatement#line()}
 * @param command the command as PostgreSQL's command tag names it, in upper case, for
 * example {@code "CREATE INDEX"}, {@code "ALTER TABLE"} or {@code "INSERT"}; for a
 * command the classifier does not know, its first word or two; {@code ""} for an empty
 * statement
 * @param relation the existing table (or index) the statement changes or locks, or the
 * table or view it creates, with its name resolved as the database resolves it: unquoted
 * parts case-folded, quoted parts verbatim, qualified names joined by {@code '.'};
 * {@code null} when there is none or the classifier cannot tell
 * @param lock the table-level lock the statement takes on {@code relation}; {@code null}
 * when it takes none there, when {@code relation} is {@code null}, or when the database
 * is not PostgreSQL
 * @param transaction what the statement does with the transaction it would run in
 * @param batchable whether the statement may travel in a JDBC batch: it certainly returns
 * no rows, and the dialect batches at all
 * @param unsupported why the statement cannot run in a JDBC migration and what to do
 * instead, or {@code null} when it can
 */
public record ClassifiedStatement(String sql, int line, String command, @Nullable String relation,
		@Nullable LockMode lock, TransactionUse transaction, boolean batchable, @Nullable String unsupported) {

	/**
	 * The statement as the splitter returned it, for code that only runs it.
	 * @return the statement's text and line
	 */
	public SqlStatement source() {
		return new SqlStatement(this.sql, this.line);
	}

}
