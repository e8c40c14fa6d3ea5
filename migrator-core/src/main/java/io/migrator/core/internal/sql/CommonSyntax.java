package io.migrator.core.internal.sql;

import java.util.List;
import java.util.Set;

import io.migrator.core.internal.sql.StatementTokens.Type;

/**
 * The statement forms PostgreSQL and H2 write alike, read into a {@link StatementReader}:
 * which command a statement is and which relation it works on. Each reader starts on the
 * token after the words that chose it and stops as soon as it knows, leaving the cursor
 * there, so that a dialect can go on reading the same tokens for what only it cares about
 * (a lock, a {@code RETURNING}). Nothing here decides a transaction, a lock or a batch:
 * those rules belong to one database.
 */
final class CommonSyntax {

	/**
	 * Words between CREATE and the object type that do not change the command:
	 * PostgreSQL's, then H2's ({@code CACHED}, {@code MEMORY}, {@code SPATIAL},
	 * {@code HASH}, {@code FORCE}).
	 */
	private static final Set<String> CREATE_MODIFIERS = Set.of("OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY", "LOCAL",
			"GLOBAL", "UNLOGGED", "CONSTRAINT", "TRUSTED", "PROCEDURAL", "RECURSIVE", "CACHED", "MEMORY", "SPATIAL",
			"HASH", "FORCE");

	/** Object types of more than one word, so the command names all of them. */
	private static final Set<String> LONGER_TYPES = Set.of("ACCESS METHOD", "DEFAULT PRIVILEGES", "EVENT TRIGGER",
			"FOREIGN DATA WRAPPER", "FOREIGN TABLE", "LARGE OBJECT", "MATERIALIZED VIEW", "OPERATOR CLASS",
			"OPERATOR FAMILY", "TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY", "TEXT SEARCH PARSER",
			"TEXT SEARCH TEMPLATE", "USER MAPPING");

	/** First words of the statements that can follow a WITH clause. */
	private static final Set<String> MAIN_STATEMENTS = Set.of("SELECT", "VALUES", "TABLE", "INSERT", "UPDATE", "DELETE",
			"MERGE");

	private CommonSyntax() {
	}

	/**
	 * Reads the statement's first token.
	 * @param reader the statement, not read yet
	 * @return its first word in upper case, with the cursor after it; {@code ""}, with
	 * the cursor on it, if the first token is not a word
	 */
	static String firstWord(StatementReader reader) {
		reader.tokens.next();
		String word = reader.tokens.word();
		if (!word.isEmpty()) {
			reader.tokens.next();
		}
		return word;
	}

	/**
	 * Reads the command and relation of a statement in the shared forms; any other
	 * statement's command is its first word.
	 * @param reader the statement, with the cursor after {@code word}
	 * @param word the first word, from {@link #firstWord}
	 */
	static void read(StatementReader reader, String word) {
		if (TransactionControl.read(reader, word)) {
			return;
		}
		switch (word) {
			case "CREATE", "DROP", "ALTER" -> {
				objectType(reader, word);
				objectTarget(reader);
			}
			case "INSERT", "UPDATE", "DELETE", "MERGE" -> dataChange(reader, word);
			case "TRUNCATE" -> truncate(reader);
			case "COMMENT" -> comment(reader);
			case "SELECT", "VALUES", "TABLE" -> query(reader, word);
			case "WITH" -> with(reader);
			case "" -> reader.command = reader.tokens.isSymbol('(') ? "SELECT" : "";
			default -> reader.command = word;
		}
	}

	/**
	 * Reads the object type after CREATE, DROP or ALTER, and makes it part of the
	 * command: {@code CREATE UNIQUE INDEX} is {@code "CREATE INDEX"},
	 * {@code DROP MATERIALIZED VIEW} is {@code "DROP MATERIALIZED VIEW"}.
	 * @param reader the statement, with the cursor after {@code verb}
	 * @param verb CREATE, DROP or ALTER
	 */
	static void objectType(StatementReader reader, String verb) {
		StatementTokens tokens = reader.tokens;
		if (verb.equals("CREATE")) {
			while (CREATE_MODIFIERS.contains(tokens.word())) {
				tokens.next();
			}
		}
		String type = tokens.word();
		if (type.isEmpty()) {
			reader.command = verb;
			return;
		}
		tokens.next();
		while (!tokens.word().isEmpty() && isLongerType(type + " " + tokens.word())) {
			type = type + " " + tokens.word();
			tokens.next();
		}
		reader.command = verb + " " + type;
	}

	/**
	 * Reads the relation of the CREATE, DROP or ALTER command {@link #objectType} found:
	 * <ul>
	 * <li>{@code CREATE INDEX [[IF NOT EXISTS] name] ON [ONLY] relation}, where a dialect
	 * has read any word it allows before the name;</li>
	 * <li>{@code CREATE TABLE [IF NOT EXISTS] relation}, which is
	 * {@code "CREATE TABLE AS"} if it fills the table from a query;</li>
	 * <li>{@code CREATE [MATERIALIZED] VIEW [IF NOT EXISTS] relation};</li>
	 * <li>{@code CREATE TRIGGER name ... ON relation};</li>
	 * <li>{@code DROP {TABLE | INDEX | [MATERIALIZED] VIEW} [IF EXISTS] relation}, the
	 * first of a list, where a dialect has read any word it allows before IF EXISTS;</li>
	 * <li>{@code ALTER TABLE [IF EXISTS] [ONLY] relation [*]}, leaving the cursor on the
	 * first subcommand.</li>
	 * </ul>
	 * @param reader the statement, with the cursor after the object type
	 */
	static void objectTarget(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		switch (reader.command) {
			case "CREATE INDEX" -> {
				if (!tokens.isWord("ON")) {
					reader.skipIfNotExists();
					reader.name();
				}
				if (tokens.accept("ON")) {
					tokens.accept("ONLY");
					reader.relation = reader.name();
				}
			}
			case "CREATE TABLE" -> {
				reader.skipIfNotExists();
				reader.relation = reader.name();
				if (tokens.seek("AS")) {
					reader.command = "CREATE TABLE AS";
				}
			}
			case "CREATE VIEW", "CREATE MATERIALIZED VIEW" -> {
				reader.skipIfNotExists();
				reader.relation = reader.name();
			}
			case "CREATE TRIGGER" -> {
				if (tokens.seek("ON")) {
					tokens.next();
					reader.relation = reader.name();
				}
			}
			case "DROP TABLE", "DROP INDEX", "DROP VIEW", "DROP MATERIALIZED VIEW" -> {
				reader.skipIfExists();
				reader.relation = reader.name();
			}
			case "ALTER TABLE" -> alteredTable(reader);
			default -> {
				// no relation the classifier knows how to find
			}
		}
	}

	private static boolean isLongerType(String prefix) {
		for (String type : LONGER_TYPES) {
			if (type.equals(prefix) || type.startsWith(prefix + " ")) {
				return true;
			}
		}
		return false;
	}

	private static void alteredTable(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		reader.skipIfExists();
		if (tokens.isWord("ALL")) {
			return; // ALTER TABLE ALL IN TABLESPACE moves many tables
		}
		tokens.accept("ONLY");
		reader.relation = reader.name();
		if (tokens.isSymbol('*')) {
			tokens.next();
		}
	}

	/**
	 * {@code INSERT INTO}, {@code UPDATE [ONLY]}, {@code DELETE FROM [ONLY]},
	 * {@code MERGE INTO [ONLY]}.
	 */
	private static void dataChange(StatementReader reader, String word) {
		reader.command = word;
		if (!reader.tokens.accept("INTO")) {
			reader.tokens.accept("FROM");
		}
		reader.tokens.accept("ONLY");
		reader.relation = reader.name();
	}

	/** {@code TRUNCATE [TABLE] [ONLY] relation}, the first of a list. */
	private static void truncate(StatementReader reader) {
		reader.command = "TRUNCATE TABLE";
		reader.tokens.accept("TABLE");
		reader.tokens.accept("ONLY");
		reader.relation = reader.name();
	}

	/**
	 * {@code COMMENT ON TABLE relation} and {@code COMMENT ON COLUMN relation.column}.
	 */
	private static void comment(StatementReader reader) {
		reader.command = "COMMENT";
		StatementTokens tokens = reader.tokens;
		if (!tokens.accept("ON")) {
			return;
		}
		if (tokens.accept("TABLE")) {
			reader.relation = reader.name();
		}
		else if (tokens.accept("COLUMN")) {
			List<String> parts = reader.nameParts();
			if (parts.size() > 1) {
				reader.relation = String.join(".", parts.subList(0, parts.size() - 1));
			}
		}
	}

	/**
	 * {@code SELECT ... FROM [ONLY] relation}, the first in the outermost FROM;
	 * {@code TABLE relation}; {@code VALUES}, with no relation. PostgreSQL tags all three
	 * {@code SELECT}.
	 */
	private static void query(StatementReader reader, String word) {
		reader.command = "SELECT";
		StatementTokens tokens = reader.tokens;
		if (word.equals("VALUES")) {
			return;
		}
		if (word.equals("SELECT")) {
			if (!tokens.seek("FROM")) {
				return;
			}
			tokens.next();
		}
		tokens.accept("ONLY");
		reader.relation = reader.name();
		if (tokens.isSymbol('(')) {
			reader.relation = null; // a function in FROM, not a table
		}
	}

	/**
	 * {@code WITH ... main}: the command and relation are the main statement's, found as
	 * the first of its words outside parentheses after the first query in parentheses, so
	 * a query named {@code update} does not count. A main SELECT has no relation: what it
	 * reads FROM is most likely one of the WITH queries, not a table.
	 */
	private static void with(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		boolean afterQuery = false;
		for (; tokens.type() != Type.END; tokens.next()) {
			if (tokens.depth() == 0) {
				String word = tokens.word();
				if (afterQuery && MAIN_STATEMENTS.contains(word)) {
					tokens.next();
					read(reader, word);
					if (reader.command.equals("SELECT")) {
						reader.relation = null;
					}
					return;
				}
				afterQuery = afterQuery || tokens.isSymbol(')');
			}
		}
		reader.command = "WITH";
	}

}
