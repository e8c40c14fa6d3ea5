package io.migrator.core.internal.sql;

import static io.migrator.core.internal.sql.TransactionUse.ANY;
import static io.migrator.core.internal.sql.TransactionUse.BEGINS;
import static io.migrator.core.internal.sql.TransactionUse.ENDS;

/**
 * The transaction statements PostgreSQL and H2 write alike. They are read as tokens, so a
 * {@code BEGIN} with a comment glued to it still begins a transaction, which splitting
 * the text on whitespace missed. A dialect's own forms (PostgreSQL's {@code ABORT},
 * {@code PREPARE TRANSACTION}, {@code COMMIT PREPARED}) are read by its classifier.
 */
final class TransactionControl {

	private TransactionControl() {
	}

	/**
	 * Reads a statement starting with {@code word}, with the cursor on the token after
	 * it, if it is one of the shared transaction statements:
	 * <ul>
	 * <li>{@code BEGIN [WORK | TRANSACTION] [modes]} begins; {@code BEGIN ATOMIC} opens a
	 * SQL-standard routine body, not a transaction;</li>
	 * <li>{@code START TRANSACTION [modes]} begins;</li>
	 * <li>{@code COMMIT} and {@code END} end, and both are tagged {@code COMMIT};</li>
	 * <li>{@code ROLLBACK [WORK | TRANSACTION]} ends, but
	 * {@code ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] s} stays in the transaction.
	 * The cursor stays after the optional word, where a dialect may look further.</li>
	 * </ul>
	 * @param reader the statement
	 * @param word its first word, in upper case
	 * @return whether it was a transaction statement
	 */
	static boolean read(StatementReader reader, String word) {
		StatementTokens tokens = reader.tokens;
		switch (word) {
			case "BEGIN" -> {
				reader.command = "BEGIN";
				reader.transaction = tokens.isWord("ATOMIC") ? ANY : BEGINS;
			}
			case "START" -> {
				boolean begins = tokens.accept("TRANSACTION");
				reader.command = begins ? "START TRANSACTION" : "START";
				reader.transaction = begins ? BEGINS : ANY;
			}
			case "COMMIT", "END" -> {
				reader.command = "COMMIT";
				reader.transaction = ENDS;
			}
			case "ROLLBACK" -> {
				reader.command = "ROLLBACK";
				if (!tokens.accept("WORK")) {
					tokens.accept("TRANSACTION");
				}
				reader.transaction = tokens.isWord("TO") ? ANY : ENDS;
			}
			default -> {
				return false;
			}
		}
		return true;
	}

}
