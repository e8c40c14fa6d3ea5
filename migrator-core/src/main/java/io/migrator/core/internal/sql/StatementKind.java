package io.migrator.core.internal.sql;

import io.migrator.core.internal.sql.StatementTokens.Type;
import org.jspecify.annotations.Nullable;

/**
 * What a statement means for how a script must be executed on PostgreSQL.
 *
 * <p>
 * Statements are read as tokens, not matched as text, so a keyword inside a string,
 * quoted identifier or comment never counts.
 *
 * @since 0.1.0
 */
public enum StatementKind {

	/** May run inside a transaction. */
	ORDINARY,

	/**
	 * PostgreSQL refuses it inside a transaction block, for example {@code CREATE INDEX
	 * CONCURRENTLY}, {@code VACUUM} or {@code CREATE DATABASE}.
	 */
	NON_TRANSACTIONAL,

	/**
	 * A top-level {@code BEGIN}, {@code START TRANSACTION}, {@code COMMIT}, {@code END},
	 * {@code ROLLBACK}, {@code ABORT} or {@code PREPARE TRANSACTION}: the script manages
	 * its own transactions.
	 */
	TRANSACTION_CONTROL;

	private static final String COPY_FROM_STDIN = "COPY ... FROM STDIN needs psql's client-side data"
			+ " stream, which a JDBC migration cannot provide: use INSERT statements or COPY FROM a file"
			+ " on the database server";

	private static final String COPY_TO_STDOUT = "COPY ... TO STDOUT sends its rows to psql's client-side"
			+ " data stream, which a JDBC migration cannot receive: use COPY TO a file on the database"
			+ " server, or remove the statement from the migration";

	/**
	 * Classifies one statement, as returned by {@link SqlSplitter}.
	 * @param statement the statement text, with or without leading comments
	 * @return how the statement must be executed
	 */
	public static StatementKind of(String statement) {
		StatementTokens tokens = new StatementTokens(statement);
		if (tokens.next() != Type.WORD) {
			return ORDINARY;
		}
		if (tokens.isWord("BEGIN")) {
			tokens.next();
			return tokens.isWord("ATOMIC") ? ORDINARY : TRANSACTION_CONTROL;
		}
		if (tokens.isWord("END") || tokens.isWord("ABORT")) {
			return TRANSACTION_CONTROL;
		}
		if (tokens.isWord("START") || tokens.isWord("PREPARE")) {
			// PREPARE name AS ... is an ordinary prepared statement
			tokens.next();
			return tokens.isWord("TRANSACTION") ? TRANSACTION_CONTROL : ORDINARY;
		}
		if (tokens.isWord("COMMIT")) {
			tokens.next();
			return tokens.isWord("PREPARED") ? NON_TRANSACTIONAL : TRANSACTION_CONTROL;
		}
		if (tokens.isWord("ROLLBACK")) {
			return rollback(tokens);
		}
		if (tokens.isWord("VACUUM")) {
			return NON_TRANSACTIONAL;
		}
		if (tokens.isWord("CREATE")) {
			return create(tokens);
		}
		if (tokens.isWord("DROP")) {
			return drop(tokens);
		}
		if (tokens.isWord("REINDEX")) {
			return reindex(tokens);
		}
		if (tokens.isWord("ALTER")) {
			return alter(tokens);
		}
		if (tokens.isWord("CLUSTER")) {
			return cluster(tokens);
		}
		if (tokens.isWord("DISCARD")) {
			tokens.next();
			return tokens.isWord("ALL") ? NON_TRANSACTIONAL : ORDINARY;
		}
		return ORDINARY;
	}

	/**
	 * Tells whether a statement can run in a JDBC migration at all.
	 * @param statement the statement text
	 * @return {@code null} when supported; otherwise why it is not and what to do instead
	 */
	public static @Nullable String unsupportedReason(String statement) {
		StatementTokens tokens = new StatementTokens(statement);
		tokens.next();
		if (!tokens.isWord("COPY")) {
			return null;
		}
		if (tokens.skipTo("FROM", "STDIN")) {
			return COPY_FROM_STDIN;
		}
		tokens = new StatementTokens(statement);
		tokens.next();
		return tokens.skipTo("TO", "STDOUT") ? COPY_TO_STDOUT : null;
	}

	private static StatementKind rollback(StatementTokens tokens) {
		tokens.next();
		if (tokens.isWord("WORK") || tokens.isWord("TRANSACTION")) {
			tokens.next();
		}
		if (tokens.isWord("PREPARED")) {
			return NON_TRANSACTIONAL;
		}
		// ROLLBACK TO [SAVEPOINT] stays inside the current transaction
		return tokens.isWord("TO") ? ORDINARY : TRANSACTION_CONTROL;
	}

	private static StatementKind create(StatementTokens tokens) {
		tokens.next();
		if (tokens.isWord("UNIQUE")) {
			tokens.next();
		}
		if (tokens.isWord("INDEX")) {
			// CONCURRENTLY is reserved, so right after INDEX it cannot be an index name
			tokens.next();
			return tokens.isWord("CONCURRENTLY") ? NON_TRANSACTIONAL : ORDINARY;
		}
		return isWholeClusterObject(tokens) ? NON_TRANSACTIONAL : ORDINARY;
	}

	private static StatementKind drop(StatementTokens tokens) {
		tokens.next();
		if (tokens.isWord("INDEX")) {
			tokens.next();
			return tokens.isWord("CONCURRENTLY") ? NON_TRANSACTIONAL : ORDINARY;
		}
		return isWholeClusterObject(tokens) ? NON_TRANSACTIONAL : ORDINARY;
	}

	private static boolean isWholeClusterObject(StatementTokens tokens) {
		return tokens.isWord("DATABASE") || tokens.isWord("TABLESPACE") || tokens.isWord("SUBSCRIPTION");
	}

	/**
	 * REINDEX [(options)] {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY]
	 * name.
	 */
	private static StatementKind reindex(StatementTokens tokens) {
		tokens.next();
		boolean concurrently = tokens.isSymbol('(') && concurrentlyOption(tokens);
		if (tokens.isWord("SCHEMA") || tokens.isWord("DATABASE") || tokens.isWord("SYSTEM")) {
			return NON_TRANSACTIONAL; // each table is reindexed in its own transaction
		}
		tokens.next();
		return concurrently || tokens.isWord("CONCURRENTLY") ? NON_TRANSACTIONAL : ORDINARY;
	}

	/**
	 * Reads an option list from its '(' to past its ')'; true if it turns CONCURRENTLY
	 * on.
	 */
	private static boolean concurrentlyOption(StatementTokens tokens) {
		boolean concurrently = false;
		tokens.next();
		while (tokens.type() != Type.END && !tokens.isSymbol(')')) {
			if (tokens.isWord("CONCURRENTLY")) {
				tokens.next();
				if (tokens.isSymbol(',') || tokens.isSymbol(')')) {
					concurrently = true;
					continue;
				}
				concurrently = !tokens.isFalse();
			}
			tokens.next();
		}
		tokens.next();
		return concurrently;
	}

	private static StatementKind alter(StatementTokens tokens) {
		tokens.next();
		if (tokens.isWord("SYSTEM")) {
			return NON_TRANSACTIONAL;
		}
		if (tokens.isWord("TABLE")) {
			return tokens.skipTo("DETACH", "PARTITION") && tokens.skipTo("CONCURRENTLY") ? NON_TRANSACTIONAL : ORDINARY;
		}
		if (tokens.isWord("DATABASE")) {
			return tokens.skipTo("SET", "TABLESPACE") ? NON_TRANSACTIONAL : ORDINARY;
		}
		if (tokens.isWord("SUBSCRIPTION")) {
			return subscriptionRefresh(tokens) ? NON_TRANSACTIONAL : ORDINARY;
		}
		return ORDINARY;
	}

	/**
	 * ALTER SUBSCRIPTION ... REFRESH PUBLICATION always refreshes; SET, ADD and DROP
	 * PUBLICATION do unless {@code WITH (refresh = false)}.
	 */
	private static boolean subscriptionRefresh(StatementTokens tokens) {
		boolean changesPublications = false;
		boolean refreshOff = false;
		boolean afterVerb = false;
		boolean afterRefresh = false;
		while (tokens.next() != Type.END) {
			if (tokens.depth() == 0) {
				if (afterRefresh && tokens.isWord("PUBLICATION")) {
					return true;
				}
				if (afterVerb && tokens.isWord("PUBLICATION")) {
					changesPublications = true;
				}
				afterVerb = tokens.isWord("SET") || tokens.isWord("ADD") || tokens.isWord("DROP");
				afterRefresh = tokens.isWord("REFRESH");
			}
			else if (tokens.isWord("REFRESH")) {
				tokens.next();
				if (tokens.isSymbol('=')) {
					tokens.next();
				}
				refreshOff = tokens.isFalse();
			}
		}
		return changesPublications && !refreshOff;
	}

	/** CLUSTER without a table reclusters every table, each in its own transaction. */
	private static StatementKind cluster(StatementTokens tokens) {
		tokens.next();
		if (tokens.isSymbol('(')) {
			tokens.skipGroup();
		}
		if (tokens.isWord("VERBOSE")) {
			tokens.next();
		}
		return tokens.type() == Type.END || tokens.isSymbol(';') ? NON_TRANSACTIONAL : ORDINARY;
	}

}
