package io.migrator.core.internal.sql;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Classifies statements by MySQL's and MariaDB's rules, and splits their scripts as the
 * {@code mysql} client does ({@link MysqlScriptLexer}).
 * <ul>
 * <li>DDL ({@code CREATE}, {@code ALTER}, {@code DROP}, {@code RENAME}, {@code TRUNCATE})
 * and the other statements the server commits implicitly ({@code GRANT}, {@code REVOKE},
 * {@code LOCK TABLES}, {@code ANALYZE TABLE}, ...) are
 * {@link TransactionUse#COMMITS_IMPLICITLY}: no transaction can hold them, so their
 * script runs as a non-transactional one. {@code CREATE TEMPORARY TABLE} and
 * {@code DROP TEMPORARY TABLE} do not commit.</li>
 * <li>{@code BEGIN [WORK]} and {@code START TRANSACTION} begin; {@code COMMIT} and
 * {@code ROLLBACK} end, but {@code ROLLBACK TO [SAVEPOINT]} does not; MariaDB's
 * {@code BEGIN NOT ATOMIC} opens a compound statement, not a transaction.</li>
 * <li>The command is the first words ({@code CREATE TABLE}, {@code INSERT}); the relation
 * is the table a table statement, INSERT, REPLACE, UPDATE or DELETE names, as written
 * without backticks (table names are case-sensitive on most servers).</li>
 * <li>Nothing is batched, no PostgreSQL lock is reported, and the {@code mysql} client's
 * {@code SOURCE} command, which no server runs, is refused.</li>
 * </ul>
 * Words inside a conditional comment ({@code /*!40101 SET ... *}{@code /}) count, since
 * the server runs them.
 */
public final class MysqlStatementClassifier implements StatementClassifier {

	private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "RENAME", "TRUNCATE");

	/** Statements other than DDL that end the transaction before they run. */
	private static final Set<String> COMMITTING = Set.of("GRANT", "REVOKE", "LOCK", "UNLOCK", "ANALYZE", "CHECK",
			"OPTIMIZE", "REPAIR", "CACHE", "LOAD INDEX", "FLUSH", "RESET", "INSTALL", "UNINSTALL", "SET PASSWORD");

	private static final Set<String> CREATE_MODIFIERS = Set.of("OR", "REPLACE", "UNIQUE", "FULLTEXT", "SPATIAL",
			"ONLINE", "OFFLINE", "IGNORE", "ALGORITHM", "UNDEFINED", "MERGE", "TEMPTABLE", "DEFINER", "SQL", "SECURITY",
			"INVOKER", "AGGREGATE", "DEFINITIONS");

	@Override
	public Iterator<SqlStatement> split(String script) {
		return SqlSplitter.streamMysql(script);
	}

	@Override
	public Iterator<SqlStatement> split(Reader reader) {
		return SqlSplitter.streamMysql(reader);
	}

	@Override
	public ClassifiedStatement classify(SqlStatement statement) {
		List<String> written = MysqlWords.leading(statement.sql(), 12);
		List<String> words = new ArrayList<>(written);
		words.replaceAll((word) -> word.startsWith("`") ? word : SqlChars.asciiUpperCase(word));
		String first = word(words, 0);
		String command = first;
		String relation = null;
		TransactionUse transaction = TransactionUse.ANY;
		String unsupported = null;
		switch (first) {
			case "BEGIN" -> transaction = word(words, 1).equals("NOT") ? TransactionUse.ANY : TransactionUse.BEGINS;
			case "START" -> {
				if (word(words, 1).equals("TRANSACTION")) {
					command = "START TRANSACTION";
					transaction = TransactionUse.BEGINS;
				}
			}
			case "COMMIT" -> transaction = TransactionUse.ENDS;
			case "ROLLBACK" -> transaction = words.contains("TO") ? TransactionUse.ANY : TransactionUse.ENDS;
			case "INSERT", "REPLACE" -> relation = after(words, written, 1, "INTO");
			case "UPDATE" -> relation = after(words, written, 1, "LOW_PRIORITY", "IGNORE");
			case "DELETE" -> relation = after(words, written, words.indexOf("FROM") + 1);
			case "SOURCE" -> unsupported = "SOURCE is a command of the mysql client, which no server runs:"
					+ " migrator sends each statement to the server over JDBC. Inline the file's SQL instead";
			default -> {
				if (DDL.contains(first)) {
					int type = objectType(words);
					command = first + " " + word(words, type);
					boolean temporary = words.subList(1, type).contains("TEMPORARY");
					transaction = temporary ? TransactionUse.ANY : TransactionUse.COMMITS_IMPLICITLY;
					if (word(words, type).equals("TABLE")) {
						relation = after(words, written, type + 1, "IF", "NOT", "EXISTS");
					}
				}
				else if (COMMITTING.contains(first) || COMMITTING.contains(first + " " + word(words, 1))) {
					transaction = TransactionUse.COMMITS_IMPLICITLY;
				}
			}
		}
		return new ClassifiedStatement(statement.sql(), statement.line(), command, relation, null, transaction, false,
				unsupported);
	}

	/** Where the object type of a CREATE, ALTER or DROP stands, past its modifiers. */
	private static int objectType(List<String> words) {
		int index = 1;
		while (index < words.size()) {
			String word = words.get(index);
			if (word.equals("=")) {
				index += 2; // ALGORITHM = MERGE, DEFINER = user
			}
			else if (CREATE_MODIFIERS.contains(word) || word.equals("TEMPORARY") || word.startsWith("'")
					|| word.startsWith("@")) {
				index++;
			}
			else {
				break;
			}
		}
		return index;
	}

	private static String word(List<String> words, int index) {
		return (index >= 0 && index < words.size()) ? words.get(index) : "";
	}

	/**
	 * The name at {@code index}, past any of the optional words, as written.
	 */
	private static @Nullable String after(List<String> words, List<String> written, int index, String... optional) {
		int at = index;
		while (at < words.size() && Set.of(optional).contains(words.get(at))) {
			at++;
		}
		return MysqlWords.name(written, at);
	}

	/**
	 * The first tokens of a MySQL statement as written: words, backtick-quoted names
	 * (with their opening backtick) and {@code .}, strings and other symbols as
	 * one-character tokens, comments skipped and conditional comments read as code.
	 */
	static final class MysqlWords {

		private MysqlWords() {
		}

		static List<String> leading(String sql, int max) {
			List<String> words = new ArrayList<>(max);
			int i = 0;
			int length = sql.length();
			while (i < length && words.size() < max) {
				char c = sql.charAt(i);
				if (Character.isWhitespace(c)) {
					i++;
				}
				else if (c == '#' || (c == '-' && sql.startsWith("-- ", i))) {
					int end = sql.indexOf('\n', i);
					i = (end < 0) ? length : end;
				}
				else if (sql.startsWith("/*!", i) || sql.startsWith("/*M!", i)) {
					i += sql.startsWith("/*M!", i) ? 4 : 3;
					while (i < length && Character.isDigit(sql.charAt(i))) {
						i++;
					}
				}
				else if (sql.startsWith("/*", i)) {
					int end = sql.indexOf("*/", i + 2);
					i = (end < 0) ? length : end + 2;
				}
				else if (sql.startsWith("*/", i)) {
					i += 2; // the end of a conditional comment
				}
				else if (c == '`') {
					int end = i + 1;
					StringBuilder name = new StringBuilder("`");
					while (end < length) {
						if (sql.charAt(end) == '`') {
							if (end + 1 < length && sql.charAt(end + 1) == '`') {
								end++;
							}
							else {
								break;
							}
						}
						name.append(sql.charAt(end++));
					}
					words.add(name.toString());
					i = end + 1;
				}
				else if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
					int end = i;
					while (end < length && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
							|| sql.charAt(end) == '$')) {
						end++;
					}
					words.add(sql.substring(i, end));
					i = end;
				}
				else {
					words.add(String.valueOf(c));
					i = skipQuoted(sql, i);
				}
			}
			return words;
		}

		private static int skipQuoted(String sql, int start) {
			char quote = sql.charAt(start);
			if (quote != '\'' && quote != '"') {
				return start + 1;
			}
			int i = start + 1;
			while (i < sql.length()) {
				char c = sql.charAt(i);
				if (c == '\\') {
					i += 2;
				}
				else if (c == quote) {
					if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
						i += 2;
					}
					else {
						return i + 1;
					}
				}
				else {
					i++;
				}
			}
			return i;
		}

		/**
		 * A possibly qualified name from the tokens, without backticks; {@code null} if
		 * none starts at {@code index}.
		 */
		static @Nullable String name(List<String> words, int index) {
			if (index < 0 || index >= words.size() || !isName(words.get(index))) {
				return null;
			}
			StringBuilder name = new StringBuilder(strip(words.get(index)));
			int at = index + 1;
			while (at + 1 < words.size() && words.get(at).equals(".") && isName(words.get(at + 1))) {
				name.append('.').append(strip(words.get(at + 1)));
				at += 2;
			}
			return name.toString();
		}

		private static boolean isName(String word) {
			char c = word.charAt(0);
			return c == '`' || Character.isLetterOrDigit(c) || c == '_' || c == '$';
		}

		private static String strip(String word) {
			return word.startsWith("`") ? word.substring(1) : word;
		}

	}

}
