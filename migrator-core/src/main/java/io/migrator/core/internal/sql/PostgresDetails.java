package io.migrator.core.internal.sql;

import java.util.ArrayList;
import java.util.List;

import io.migrator.core.internal.sql.StatementTokens.Type;
import org.jspecify.annotations.Nullable;

/**
 * Facts about a PostgreSQL statement that only the linter asks for, read with the
 * classifier's token cursor: the name of an index a {@code CREATE INDEX} builds, the
 * settings a {@code SET} or {@code set_config(...)} changes, and whether an
 * {@code INSERT} copies rows from a query.
 *
 * @since 0.2.0
 */
public final class PostgresDetails {

	private PostgresDetails() {
	}

	/**
	 * A run-time setting a statement changes.
	 *
	 * @param name the setting, in lower case, such as {@code lock_timeout}
	 * @param value its new value, without quotes; {@code default} for
	 * {@code SET ... TO DEFAULT}
	 * @since 0.2.0
	 */
	public record Setting(String name, String value) {
	}

	/**
	 * The index a {@code CREATE INDEX} statement builds.
	 * @param sql the statement
	 * @return the index's name as the database resolves it; {@code null} if the statement
	 * is no {@code CREATE INDEX} or leaves the name to the database
	 */
	public static @Nullable String createdIndex(String sql) {
		StatementReader reader = PostgresStatementClassifier.reader(sql);
		String verb = CommonSyntax.firstWord(reader);
		if (!verb.equals("CREATE")) {
			return null;
		}
		CommonSyntax.objectType(reader, verb);
		StatementTokens tokens = reader.tokens;
		if (!reader.command.equals("CREATE INDEX")) {
			return null;
		}
		tokens.accept("CONCURRENTLY");
		if (tokens.isWord("ON")) {
			return null;
		}
		reader.skipIfNotExists();
		return reader.name();
	}

	/**
	 * The settings a statement changes: {@code SET [SESSION | LOCAL] name {TO | =} value}
	 * and every {@code set_config('name', 'value', ...)} call in any statement.
	 * @param sql the statement
	 * @return the settings, in order; empty when it changes none this way
	 */
	public static List<Setting> settings(String sql) {
		StatementReader reader = PostgresStatementClassifier.reader(sql);
		StatementTokens tokens = reader.tokens;
		List<Setting> settings = new ArrayList<>(1);
		if (CommonSyntax.firstWord(reader).equals("SET")) {
			if (!tokens.accept("SESSION")) {
				tokens.accept("LOCAL");
			}
			String name = reader.name();
			if (tokens.isSymbol('=') || tokens.isWord("TO")) {
				tokens.next();
			}
			if (name != null && tokens.type() != Type.END) {
				settings.add(new Setting(name, value(tokens)));
			}
			return settings;
		}
		while (tokens.seekAnyDepth("SET_CONFIG")) {
			if (tokens.next() == Type.SYMBOL && tokens.isSymbol('(') && tokens.next() == Type.QUOTED) {
				String name = SqlChars.asciiLowerCase(value(tokens));
				if (tokens.next() == Type.SYMBOL && tokens.isSymbol(',')) {
					tokens.next();
					settings.add(new Setting(name, value(tokens)));
				}
			}
		}
		return settings;
	}

	/**
	 * Whether an {@code INSERT} fills its table from a query ({@code INSERT ... SELECT}),
	 * which can take as long as the query.
	 * @param sql the statement
	 * @return whether it is an {@code INSERT} with a {@code SELECT} outside parentheses
	 */
	public static boolean insertsFromQuery(String sql) {
		StatementReader reader = PostgresStatementClassifier.reader(sql);
		return CommonSyntax.firstWord(reader).equals("INSERT") && reader.tokens.seek("SELECT");
	}

	/** The current token as a value: a string without its quotes, else as written. */
	private static String value(StatementTokens tokens) {
		String text = tokens.text();
		if (tokens.type() == Type.QUOTED && text.startsWith("'")) {
			int close = (text.length() > 1 && text.endsWith("'")) ? text.length() - 1 : text.length();
			return text.substring(1, close).replace("''", "'");
		}
		return (tokens.type() == Type.WORD) ? SqlChars.asciiLowerCase(text) : text;
	}

}
