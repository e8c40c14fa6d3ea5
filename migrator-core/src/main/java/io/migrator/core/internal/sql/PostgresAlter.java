package io.migrator.core.internal.sql;

import static io.migrator.core.internal.sql.LockMode.ACCESS_EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.SHARE_UPDATE_EXCLUSIVE;
import static io.migrator.core.internal.sql.TransactionUse.OUTSIDE;

import io.migrator.core.internal.sql.StatementTokens.Type;
import org.jspecify.annotations.Nullable;

/**
 * What PostgreSQL's ALTER TABLE and ALTER SUBSCRIPTION subcommands mean for a migration:
 * the lock ALTER TABLE takes, and which forms refuse a transaction block.
 */
final class PostgresAlter {

	private PostgresAlter() {
	}

	/**
	 * Reads ALTER TABLE's subcommands, each up to the next ',' outside parentheses, and
	 * takes the strongest lock any of them needs, as PostgreSQL does. {@code ACCESS
	 * EXCLUSIVE} unless the ALTER TABLE reference documents less:
	 * <ul>
	 * <li>{@code SHARE UPDATE EXCLUSIVE} for {@code VALIDATE CONSTRAINT},
	 * {@code SET STATISTICS}, {@code SET (...)} and {@code RESET (...)} of the table or a
	 * column, {@code CLUSTER ON}, {@code SET WITHOUT CLUSTER}, {@code ATTACH PARTITION}
	 * (on the parent), {@code DETACH PARTITION ... CONCURRENTLY} and
	 * {@code ... FINALIZE};</li>
	 * <li>{@code SHARE ROW EXCLUSIVE} for adding a foreign key and for
	 * {@code ENABLE}/{@code DISABLE TRIGGER}.</li>
	 * </ul>
	 * {@code DETACH PARTITION ... CONCURRENTLY} also refuses a transaction block.
	 * @param reader the statement, with the cursor on the first subcommand
	 */
	static void table(StatementReader reader) {
		if (reader.relation == null) {
			return;
		}
		StatementTokens tokens = reader.tokens;
		@Nullable LockMode strongest = null;
		while (tokens.type() != Type.END) {
			strongest = LockMode.stronger(strongest, subcommand(reader));
			while (tokens.type() != Type.END && !(tokens.depth() == 0 && tokens.isSymbol(','))) {
				tokens.next();
			}
			tokens.next();
		}
		reader.lock = strongest;
	}

	/**
	 * Whether ALTER SUBSCRIPTION refreshes the publication, which PostgreSQL refuses in a
	 * transaction block: REFRESH PUBLICATION always does; SET, ADD and DROP PUBLICATION
	 * do unless {@code WITH (refresh = false)}.
	 * @param tokens the statement, with the cursor on the subscription's name
	 */
	static boolean refreshesSubscription(StatementTokens tokens) {
		boolean changesPublications = false;
		boolean refreshOff = false;
		boolean afterVerb = false;
		boolean afterRefresh = false;
		for (; tokens.type() != Type.END; tokens.next()) {
			if (tokens.depth() > 0) {
				if (tokens.isWord("REFRESH")) {
					refreshOff = refreshIsOff(tokens);
				}
				continue;
			}
			if (tokens.isWord("PUBLICATION")) {
				if (afterRefresh) {
					return true;
				}
				changesPublications = changesPublications || afterVerb;
			}
			afterVerb = tokens.isWord("SET") || tokens.isWord("ADD") || tokens.isWord("DROP");
			afterRefresh = tokens.isWord("REFRESH");
		}
		return changesPublications && !refreshOff;
	}

	/** From the option {@code refresh}, reads {@code [=] value}: whether it is false. */
	private static boolean refreshIsOff(StatementTokens tokens) {
		tokens.next();
		if (tokens.isSymbol('=')) {
			tokens.next();
		}
		return tokens.isFalse();
	}

	private static LockMode subcommand(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		String word = tokens.word();
		tokens.next();
		return switch (word) {
			case "VALIDATE", "CLUSTER", "ATTACH", "RESET" -> SHARE_UPDATE_EXCLUSIVE;
			case "SET" -> (tokens.isSymbol('(') || (tokens.isWord("WITHOUT") && tokens.nextIsWord("CLUSTER")))
					? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
			case "ENABLE", "DISABLE" -> {
				if (!tokens.accept("REPLICA")) {
					tokens.accept("ALWAYS");
				}
				yield tokens.isWord("TRIGGER") ? SHARE_ROW_EXCLUSIVE : ACCESS_EXCLUSIVE;
			}
			case "ADD" -> {
				if (tokens.accept("CONSTRAINT")) {
					tokens.next(); // the constraint's name
				}
				yield tokens.isWord("FOREIGN") ? SHARE_ROW_EXCLUSIVE : ACCESS_EXCLUSIVE;
			}
			case "ALTER" -> alterColumn(tokens);
			case "DETACH" -> detach(reader);
			default -> ACCESS_EXCLUSIVE;
		};
	}

	/** {@code ALTER [COLUMN] column {SET STATISTICS | SET (...) | RESET (...)}}. */
	private static LockMode alterColumn(StatementTokens tokens) {
		if (tokens.isWord("CONSTRAINT")) {
			return ACCESS_EXCLUSIVE;
		}
		tokens.accept("COLUMN");
		tokens.next(); // the column's name
		if (tokens.accept("SET")) {
			return (tokens.isWord("STATISTICS") || tokens.isSymbol('(')) ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
		}
		return tokens.isWord("RESET") ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
	}

	/** {@code DETACH PARTITION name [CONCURRENTLY | FINALIZE]}. */
	private static LockMode detach(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		if (!tokens.accept("PARTITION")) {
			return ACCESS_EXCLUSIVE;
		}
		reader.name();
		if (tokens.isWord("CONCURRENTLY")) {
			reader.transaction = OUTSIDE;
			return SHARE_UPDATE_EXCLUSIVE;
		}
		return tokens.isWord("FINALIZE") ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
	}

}
