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
	 * Runs, but commits the open transaction first (and itself at once): MySQL's and
	 * MariaDB's DDL, GRANT, LOCK TABLES and the like. A script with one cannot be one
	 * transaction with its history row, so it runs as a non-transactional script.
	 */
	COMMITS_IMPLICITLY,

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
