package io.migrator.core.internal.sql;

/**
 * What a statement does with the transaction it would run in. The executor needs it to
 * decide whether a script can run in one transaction, and to know, when a script manages
 * its own transactions, whether one is still open at its end.
 */
public enum TransactionUse {

	/** May run inside a transaction, like most statements. */
	ANY,

	/**
	 * The database refuses it inside a transaction block, for example PostgreSQL's
	 * {@code CREATE INDEX CONCURRENTLY}, {@code VACUUM} or {@code CREATE DATABASE}.
	 */
	OUTSIDE,

	/**
	 * Opens the script's own transaction: {@code BEGIN} or {@code START TRANSACTION}.
	 */
	BEGINS,

	/**
	 * Ends the script's own transaction: {@code COMMIT}, {@code END}, {@code ROLLBACK},
	 * {@code ABORT} or {@code PREPARE TRANSACTION}, where the dialect has them.
	 */
	ENDS

}
