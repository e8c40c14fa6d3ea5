package io.migrator.core.internal.sql;

import static io.migrator.core.internal.sql.CharCursor.EOF;
import static io.migrator.core.internal.sql.SqlChars.isSpace;

import java.io.Reader;

import org.jspecify.annotations.Nullable;

/**
 * Splits a script into statements as the {@code mysql} command-line client does, for
 * MySQL and MariaDB:
 * <ul>
 * <li>the delimiter, {@code ;} at first, ends a statement unless it is inside a string
 * ({@code '...'} or {@code "..."}, where {@code \} escapes the next character and a
 * doubled quote stands for itself), a backtick-quoted identifier or a comment;</li>
 * <li>comments are {@code #} and {@code -- } (two dashes and a space or control
 * character) to the end of the line, and {@code /* ... *}{@code /}, which do not nest; a
 * conditional comment ({@code /*!50700 ... *}{@code /}, {@code /*M!100300 ...}) is code
 * the server runs, kept verbatim, and a delimiter inside it does not end the
 * statement;</li>
 * <li>a line {@code DELIMITER xx} between statements changes the delimiter, so a
 * procedure, function, trigger or event body with {@code ;} inside {@code BEGIN ... END}
 * is one statement; it is a command of the client, never sent to the server.</li>
 * </ul>
 * It assumes the server's default {@code sql_mode}: with {@code NO_BACKSLASH_ESCAPES} a
 * {@code \} in a string is an ordinary character, and a string ending in one would be
 * read as unterminated here. Leading comments are dropped, inner ones kept, and
 * parentheses do not matter (the client splits inside them too).
 */
final class MysqlScriptLexer {

	private final CharCursor in;

	private final StringBuilder text = new StringBuilder(256);

	private String delimiter = ";";

	private int startLine;

	private boolean atLineStart = true;

	private boolean started;

	MysqlScriptLexer(Reader reader) {
		this.in = new CharCursor(reader);
	}

	MysqlScriptLexer(String script) {
		this.in = new CharCursor(script);
	}

	/**
	 * Reads the next non-empty statement.
	 * @return the statement, or {@code null} at the end of the script
	 * @throws SqlSyntaxException if the script cannot be split
	 */
	@Nullable SqlStatement next() {
		if (!this.started) {
			this.started = true;
			if (this.in.peek() == '\uFEFF') {
				this.in.read(); // a byte order mark that survived decoding is not SQL
			}
		}
		this.text.setLength(0);
		this.startLine = 0;
		int c;
		while ((c = this.in.read()) != EOF) {
			char ch = (char) c;
			if (this.startLine == 0) {
				if (this.atLineStart && (ch == 'D' || ch == 'd') && delimiterCommand(ch)) {
					continue;
				}
				this.atLineStart = ch == '\n' || ch == '\r' || (this.atLineStart && isSpace(ch));
				if (isSpace(ch) || comment(ch)) {
					continue;
				}
				if (startsWithDelimiter(ch)) {
					continue;
				}
				this.startLine = this.in.line();
			}
			if (symbol(ch)) {
				return statement();
			}
		}
		if (this.startLine == 0) {
			return null;
		}
		return statement();
	}

	private SqlStatement statement() {
		int end = this.text.length();
		while (end > 0 && isSpace(this.text.charAt(end - 1))) {
			end--;
		}
		this.text.setLength(end);
		this.atLineStart = false;
		return new SqlStatement(this.text.toString(), this.startLine);
	}

	/** Handles a character of a statement; returns true when it ends the statement. */
	private boolean symbol(char ch) {
		switch (ch) {
			case '\'', '"', '`' -> {
				int line = this.in.line();
				this.text.append(ch);
				quoted(ch, line);
				return false;
			}
			case '#', '-', '/' -> {
				if (comment(ch)) {
					return false;
				}
			}
			default -> {
			}
		}
		this.text.append(ch);
		return endsWithDelimiter();
	}

	/** An empty statement: a delimiter where a statement would start. */
	private boolean startsWithDelimiter(char ch) {
		if (ch != this.delimiter.charAt(0)) {
			return false;
		}
		for (int i = 1; i < this.delimiter.length(); i++) {
			if (this.in.peek() != this.delimiter.charAt(i)) {
				// Not the delimiter: the character starts a statement. Characters already
				// read are replayed by the caller only for a one-character delimiter,
				// so keep them.
				this.startLine = this.in.line();
				this.text.append(this.delimiter, 0, i);
				return true;
			}
			this.in.read();
		}
		return true;
	}

	private boolean endsWithDelimiter() {
		int length = this.delimiter.length();
		int from = this.text.length() - length;
		if (from < 0 || this.text.charAt(this.text.length() - 1) != this.delimiter.charAt(length - 1)) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			if (this.text.charAt(from + i) != this.delimiter.charAt(i)) {
				return false;
			}
		}
		this.text.setLength(from);
		return true;
	}

	private void quoted(char quote, int openLine) {
		int c;
		while ((c = this.in.read()) != EOF) {
			this.text.append((char) c);
			if (c == quote) {
				if (this.in.peek() != quote) {
					return;
				}
				this.text.append((char) this.in.read());
			}
			else if (c == '\\' && quote != '`') {
				c = this.in.read();
				if (c == EOF) {
					break;
				}
				this.text.append((char) c);
			}
		}
		throw new SqlSyntaxException(openLine, unterminated(quote, openLine));
	}

	private static boolean isDelimiterChar(int c) {
		return c > ' ' && c < 0x7F && !Character.isLetterOrDigit(c) && "'\"`\\#".indexOf(c) < 0;
	}

	private static String unterminated(char quote, int line) {
		if (quote == '`') {
			return "unterminated quoted identifier opened on line " + line
					+ ": add the closing ` (a ` inside the identifier is written ``)";
		}
		return "unterminated string opened on line " + line + ": add the closing " + quote + " (a " + quote
				+ " inside the string is written \\" + quote + " or " + quote + quote
				+ "; a \\ that ends the string is written \\\\)";
	}

	/**
	 * Reads a comment if {@code ch} and what follows open one. Before a statement's first
	 * token comments are dropped, inside it they are kept.
	 */
	private boolean comment(char ch) {
		if (ch == '#') {
			lineComment(ch);
			return true;
		}
		if (ch == '-' && this.in.peek() == '-') {
			this.in.read();
			int after = this.in.peek();
			if (after == EOF || after <= ' ') {
				lineComment("--");
				return true;
			}
			// "--1" is minus minus one, not a comment.
			if (this.startLine == 0) {
				this.startLine = this.in.line();
			}
			this.text.append("--");
			return true;
		}
		if (ch == '/' && this.in.peek() == '*') {
			blockComment();
			return true;
		}
		return false;
	}

	private void lineComment(CharSequence opening) {
		boolean keep = this.startLine != 0;
		if (keep) {
			this.text.append(opening);
		}
		int c;
		while ((c = this.in.peek()) != EOF && c != '\n' && c != '\r') {
			this.in.read();
			if (keep) {
				this.text.append((char) c);
			}
		}
	}

	private void lineComment(char opening) {
		lineComment(String.valueOf(opening));
	}

	/**
	 * A block comment, or a conditional comment: {@code /*!} and {@code /*M!} hold code
	 * the server runs, so they start (or belong to) a statement and are kept verbatim.
	 */
	private void blockComment() {
		int openLine = this.in.line();
		this.in.read();
		String opening = "/*";
		if (this.in.peek() == 'M') {
			opening = "/*" + (char) this.in.read();
		}
		boolean conditional = this.in.peek() == '!';
		if (conditional && this.startLine == 0) {
			this.startLine = openLine;
		}
		boolean keep = this.startLine != 0;
		if (keep) {
			this.text.append(opening);
		}
		int c;
		while ((c = this.in.read()) != EOF) {
			if (keep) {
				this.text.append((char) c);
			}
			if (c == '*' && this.in.peek() == '/') {
				this.in.read();
				if (keep) {
					this.text.append('/');
				}
				return;
			}
		}
		throw new SqlSyntaxException(openLine,
				"unterminated comment opened on line " + openLine + ": add the closing */");
	}

	/**
	 * After a {@code D} at the start of a line, between statements: reads
	 * {@code DELIMITER xx} to the end of the line if that is what it is, and otherwise
	 * starts the statement with what it read.
	 */
	private boolean delimiterCommand(char first) {
		StringBuilder word = new StringBuilder().append(first);
		while (word.length() < "DELIMITER".length() && Character.isLetter(this.in.peek())) {
			word.append((char) this.in.read());
		}
		int line = this.in.line();
		boolean command = word.toString().equalsIgnoreCase("DELIMITER")
				&& (this.in.peek() == ' ' || this.in.peek() == '\t');
		if (!command) {
			this.startLine = line;
			this.atLineStart = false;
			// Letters never complete a delimiter (it is made of symbols), so none ends
			// here.
			this.text.append(word);
			return true;
		}
		StringBuilder rest = new StringBuilder();
		int c;
		while ((c = this.in.peek()) != EOF && c != '\n' && c != '\r') {
			rest.append((char) this.in.read());
		}
		String value = rest.toString().strip();
		int space = value.indexOf(' ');
		String next = (space < 0) ? value : value.substring(0, space);
		if (next.isEmpty() || !next.chars().allMatch(MysqlScriptLexer::isDelimiterChar)) {
			throw new SqlSyntaxException(line, "DELIMITER needs a delimiter of symbols, such as DELIMITER // or"
					+ " DELIMITER $$, and a line of its own (found 'DELIMITER " + value + "')");
		}
		this.delimiter = next;
		this.atLineStart = true;
		return true;
	}

}
