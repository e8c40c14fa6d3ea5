package io.migrator.core.internal.sql;

import static io.migrator.core.internal.sql.LockMode.ACCESS_EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.SHARE_UPDATE_EXCLUSIVE;
import static io.migrator.core.internal.sql.TransactionUse.OUTSIDE;

import java.util.StringJoiner;

import io.migrator.core.internal.sql.StatementTokens.Type;

/**
 * PostgreSQL's utility commands that H2 does not have, for the classifier: maintenance
 * ({@code VACUUM}, {@code ANALYZE}, {@code CLUSTER}, {@code REINDEX},
 * {@code REFRESH MATERIALIZED VIEW}), {@code LOCK}, and the {@code CONCURRENTLY} rule.
 * Each reader starts after the command's first word and leaves the cursor where it
 * stopped.
 */
final class PostgresUtility {

	private PostgresUtility() {
	}

	/**
	 * A {@code CONCURRENTLY} index build, drop or rebuild: it waits for other
	 * transactions itself, so PostgreSQL refuses it inside a transaction block, and it
	 * lets writes go on.
	 */
	static void concurrently(StatementReader reader) {
		reader.transaction = OUTSIDE;
		reader.lock = SHARE_UPDATE_EXCLUSIVE;
	}

	/**
	 * {@code VACUUM [(options)] [relation, ...]} or
	 * {@code VACUUM [FULL] [FREEZE] [VERBOSE] [ANALYZE] [relation, ...]}: never in a
	 * transaction block; FULL rewrites the table under {@code ACCESS EXCLUSIVE}.
	 */
	static void vacuum(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		reader.command = "VACUUM";
		reader.transaction = OUTSIDE;
		boolean full = tokens.isSymbol('(') ? option(tokens, "FULL") : tokens.accept("FULL");
		while (tokens.accept("FREEZE") || tokens.accept("VERBOSE") || tokens.accept("ANALYZE")
				|| tokens.accept("ANALYSE")) {
			// the old syntax's options, in their fixed order
		}
		reader.relation = reader.name();
		if (full) {
			reader.lock = ACCESS_EXCLUSIVE;
		}
	}

	/** {@code ANALYZE [(options)] [VERBOSE] [relation, ...]}. */
	static void analyze(StatementReader reader) {
		reader.command = "ANALYZE";
		skipOptions(reader.tokens);
		reader.relation = reader.name();
	}

	/**
	 * {@code CLUSTER [(options)] [VERBOSE] [relation [USING index]]}: without a relation
	 * it reclusters every table, each in its own transaction, so not in a transaction
	 * block.
	 */
	static void cluster(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		reader.command = "CLUSTER";
		skipOptions(tokens);
		if (tokens.type() == Type.END || tokens.isSymbol(';')) {
			reader.transaction = OUTSIDE;
		}
		reader.relation = reader.name();
	}

	/**
	 * {@code REINDEX [(options)] {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM}
	 * [CONCURRENTLY] name}: a schema, database or system is reindexed a table per
	 * transaction, so not in a transaction block; CONCURRENTLY, as a word or an option,
	 * neither.
	 */
	static void reindex(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		reader.command = "REINDEX";
		boolean concurrentOption = tokens.isSymbol('(') && option(tokens, "CONCURRENTLY");
		String kind = tokens.word();
		if (kind.equals("SCHEMA") || kind.equals("DATABASE") || kind.equals("SYSTEM")) {
			reader.transaction = OUTSIDE;
			return;
		}
		tokens.next();
		boolean concurrentWord = tokens.accept("CONCURRENTLY");
		if (concurrentOption || concurrentWord) {
			concurrently(reader);
		}
		if (kind.equals("INDEX") || kind.equals("TABLE")) {
			reader.relation = reader.name();
		}
	}

	/**
	 * {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] relation}: CONCURRENTLY lets reads
	 * go on under {@code EXCLUSIVE}, and unlike CREATE INDEX CONCURRENTLY it may run in a
	 * transaction block.
	 */
	static void refresh(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		reader.command = "REFRESH";
		if (tokens.accept("MATERIALIZED") && tokens.accept("VIEW")) {
			reader.command = "REFRESH MATERIALIZED VIEW";
			if (tokens.accept("CONCURRENTLY")) {
				reader.lock = EXCLUSIVE;
			}
			reader.relation = reader.name();
		}
	}

	/**
	 * {@code LOCK [TABLE] [ONLY] relation [*] [, ...] [IN mode MODE] [NOWAIT]}: the mode
	 * named, {@code ACCESS EXCLUSIVE} without one.
	 */
	static void lock(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		reader.command = "LOCK TABLE";
		tokens.accept("TABLE");
		tokens.accept("ONLY");
		reader.relation = reader.name();
		if (tokens.seek("IN")) {
			StringJoiner mode = new StringJoiner(" ");
			while (tokens.next() == Type.WORD && !tokens.isWord("MODE")) {
				mode.add(tokens.word());
			}
			reader.lock = LockMode.ofSqlName(mode.toString());
		}
	}

	/** Skips an option list in parentheses and the old syntax's VERBOSE. */
	private static void skipOptions(StatementTokens tokens) {
		if (tokens.isSymbol('(')) {
			tokens.skipGroup();
		}
		tokens.accept("VERBOSE");
	}

	/**
	 * Reads an option list from its '(' to past its ')'.
	 * @return whether it turns option {@code name} on: named alone, or with a value that
	 * is not false
	 */
	private static boolean option(StatementTokens tokens, String name) {
		boolean on = false;
		tokens.next();
		while (tokens.type() != Type.END && !tokens.isSymbol(')')) {
			if (tokens.isWord(name)) {
				tokens.next();
				if (tokens.isSymbol(',') || tokens.isSymbol(')')) {
					on = true;
					continue;
				}
				on = !tokens.isFalse();
			}
			tokens.next();
		}
		tokens.next();
		return on;
	}

}
