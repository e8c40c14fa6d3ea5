package io.migrator.core.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.migrator.core.internal.sql.StatementTokens.Type;
import io.migrator.core.internal.sql.TableAction.Kind;
import org.jspecify.annotations.Nullable;

/**
 * Reads what each subcommand of a PostgreSQL {@code ALTER TABLE}, or each column of a
 * {@code CREATE TABLE}, does, for the linter: the classifier only needs the strongest
 * lock, the linter needs the column, its type and default, and whether a constraint is
 * {@code NOT VALID}. It walks the same token cursor the classifier uses:
 * <ol>
 * <li>{@code ALTER TABLE}: the shared reading ({@link CommonSyntax#objectTarget}) leaves
 * the cursor on the first subcommand; each subcommand is read up to the next ',' outside
 * parentheses, as {@link PostgresAlter} does for the lock;</li>
 * <li>{@code CREATE TABLE name (...)}: each element of the list up to a ',' at its depth;
 * table constraints and {@code LIKE} are {@link Kind#OTHER};</li>
 * <li>a column definition is its name, its type (the words up to the first column
 * constraint), then {@code NOT NULL}, {@code PRIMARY KEY}, {@code DEFAULT expression} and
 * {@code GENERATED}.</li>
 * </ol>
 *
 * @since 0.2.0
 */
public final class PostgresAlterActions {

	/** Words that end a column's type or a default expression. */
	private static final Set<String> COLUMN_CONSTRAINTS = Set.of("CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY",
			"UNIQUE", "CHECK", "REFERENCES", "GENERATED", "COLLATE", "COMPRESSION", "STORAGE", "USING");

	/** First words of a table constraint or clause in a CREATE TABLE list. */
	private static final Set<String> TABLE_ELEMENTS = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN",
			"EXCLUDE", "LIKE");

	private PostgresAlterActions() {
	}

	/**
	 * The actions of a statement.
	 * @param sql an {@code ALTER TABLE} or {@code CREATE TABLE} statement
	 * @return what each subcommand or column does, in order; empty for any other
	 * statement
	 */
	public static List<TableAction> of(String sql) {
		StatementReader reader = PostgresStatementClassifier.reader(sql);
		String verb = CommonSyntax.firstWord(reader);
		if (!verb.equals("ALTER") && !verb.equals("CREATE")) {
			return List.of();
		}
		CommonSyntax.objectType(reader, verb);
		List<TableAction> actions = new ArrayList<>();
		if (reader.command.equals("ALTER TABLE")) {
			CommonSyntax.objectTarget(reader);
			if (reader.relation != null) {
				alterTable(reader, actions);
			}
		}
		else if (reader.command.equals("CREATE TABLE")) {
			reader.skipIfNotExists();
			reader.name();
			if (reader.tokens.isSymbol('(')) {
				createTable(reader, actions);
			}
		}
		return actions;
	}

	private static void alterTable(StatementReader reader, List<TableAction> actions) {
		StatementTokens tokens = reader.tokens;
		while (tokens.type() != Type.END) {
			actions.add(subcommand(reader));
			skipToElementEnd(tokens, 0);
			tokens.next();
		}
	}

	private static void createTable(StatementReader reader, List<TableAction> actions) {
		StatementTokens tokens = reader.tokens;
		tokens.next();
		while (tokens.type() != Type.END && tokens.depth() == 1) {
			actions.add(TABLE_ELEMENTS.contains(tokens.word()) ? TableAction.of(Kind.OTHER, null) : column(reader, 1));
			skipToElementEnd(tokens, 1);
			tokens.next();
		}
	}

	private static TableAction subcommand(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		String word = tokens.word();
		tokens.next();
		return switch (word) {
			case "ADD" -> add(reader);
			case "DROP" -> {
				if (tokens.isWord("CONSTRAINT")) {
					yield TableAction.of(Kind.OTHER, null);
				}
				tokens.accept("COLUMN");
				reader.skipIfExists();
				yield TableAction.of(Kind.DROP_COLUMN, reader.name());
			}
			case "ALTER" -> alterColumn(reader);
			case "VALIDATE" -> TableAction.of(Kind.VALIDATE_CONSTRAINT, null);
			case "RENAME" -> rename(reader);
			default -> TableAction.of(Kind.OTHER, null);
		};
	}

	/** {@code ADD [CONSTRAINT name] constraint} or {@code ADD [COLUMN] column}. */
	private static TableAction add(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		if (tokens.accept("CONSTRAINT")) {
			tokens.next(); // the constraint's name
		}
		Kind constraint = switch (tokens.word()) {
			case "FOREIGN" -> Kind.ADD_FOREIGN_KEY;
			case "CHECK" -> Kind.ADD_CHECK;
			case "UNIQUE" -> Kind.ADD_UNIQUE;
			case "PRIMARY" -> Kind.ADD_PRIMARY_KEY;
			case "EXCLUDE" -> Kind.ADD_EXCLUSION;
			default -> null;
		};
		if (constraint == null) {
			tokens.accept("COLUMN");
			reader.skipIfNotExists();
			return column(reader, 0);
		}
		boolean notValid = false;
		boolean usingIndex = false;
		boolean afterNot = false;
		boolean afterUsing = false;
		for (; !atElementEnd(tokens, 0); tokens.next()) {
			boolean outside = tokens.depth() == 0;
			notValid = notValid || (outside && afterNot && tokens.isWord("VALID"));
			usingIndex = usingIndex || (outside && afterUsing && tokens.isWord("INDEX"));
			afterNot = outside && tokens.isWord("NOT");
			afterUsing = outside && tokens.isWord("USING");
		}
		return new TableAction(constraint, null, null, null, false, false, notValid, usingIndex);
	}

	/**
	 * {@code ALTER [COLUMN] column [SET DATA] TYPE type} or {@code ... SET NOT NULL}.
	 */
	private static TableAction alterColumn(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		if (tokens.isWord("CONSTRAINT")) {
			return TableAction.of(Kind.OTHER, null);
		}
		tokens.accept("COLUMN");
		String column = reader.name();
		if (tokens.accept("SET")) {
			if (tokens.isWord("NOT") && tokens.nextIsWord("NULL")) {
				return TableAction.of(Kind.SET_NOT_NULL, column);
			}
			if (!tokens.accept("DATA")) {
				return TableAction.of(Kind.OTHER, column);
			}
		}
		if (!tokens.accept("TYPE")) {
			return TableAction.of(Kind.OTHER, column);
		}
		return new TableAction(Kind.ALTER_TYPE, column, text(tokens, 0, false), null, false, false, false, false);
	}

	/** {@code RENAME TO name}, {@code RENAME [COLUMN] column TO name}. */
	private static TableAction rename(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		if (tokens.accept("TO")) {
			return TableAction.of(Kind.RENAME_TABLE, reader.name());
		}
		if (tokens.isWord("CONSTRAINT")) {
			return TableAction.of(Kind.OTHER, null);
		}
		tokens.accept("COLUMN");
		return TableAction.of(Kind.RENAME_COLUMN, reader.name());
	}

	/** A column definition, from its name to the end of its element. */
	private static TableAction column(StatementReader reader, int depth) {
		StatementTokens tokens = reader.tokens;
		String name = reader.name();
		String type = text(tokens, depth, false);
		String defaultValue = null;
		boolean notNull = false;
		boolean generated = false;
		while (!atElementEnd(tokens, depth)) {
			String word = (tokens.depth() == depth) ? tokens.word() : "";
			if (word.equals("DEFAULT")) {
				tokens.next();
				defaultValue = text(tokens, depth, true);
				continue;
			}
			notNull = notNull || (word.equals("NOT") && tokens.nextIsWord("NULL")) || word.equals("PRIMARY");
			generated = generated || word.equals("GENERATED");
			tokens.next();
		}
		return new TableAction(Kind.ADD_COLUMN, name, type.isEmpty() ? null : type, defaultValue, notNull, generated,
				false, false);
	}

	/**
	 * Reads tokens up to a column constraint word at {@code depth} or the end of the
	 * element, as lower-case text with a space only between two words.
	 * @param takeFirst whether the first token belongs to the text even if it is a
	 * constraint word ({@code DEFAULT NULL})
	 */
	private static String text(StatementTokens tokens, int depth, boolean takeFirst) {
		StringBuilder text = new StringBuilder();
		boolean afterWord = false;
		boolean first = takeFirst;
		while (!atElementEnd(tokens, depth)
				&& (first || tokens.depth() > depth || !COLUMN_CONSTRAINTS.contains(tokens.word()))) {
			boolean word = tokens.type() == Type.WORD;
			if (word && afterWord) {
				text.append(' ');
			}
			text.append((tokens.type() == Type.QUOTED) ? tokens.text() : SqlChars.asciiLowerCase(tokens.text()));
			afterWord = word;
			first = false;
			tokens.next();
		}
		return text.toString();
	}

	/** Whether the cursor is on the ',' or ')' that ends an element at {@code depth}. */
	private static boolean atElementEnd(StatementTokens tokens, int depth) {
		return tokens.type() == Type.END || tokens.depth() < depth || (tokens.depth() == depth && tokens.isSymbol(','));
	}

	private static void skipToElementEnd(StatementTokens tokens, int depth) {
		while (!atElementEnd(tokens, depth)) {
			tokens.next();
		}
	}

}
