package io.migrator.core.internal.sql;

import static io.migrator.core.internal.sql.CharCursor.EOF;
import static io.migrator.core.internal.sql.SqlChars.isDigit;
import static io.migrator.core.internal.sql.SqlChars.isIdentifierPart;
import static io.migrator.core.internal.sql.SqlChars.isIdentifierStart;
import static io.migrator.core.internal.sql.SqlChars.isKeyword;
import static io.migrator.core.internal.sql.SqlChars.isSpace;
import static io.migrator.core.internal.sql.SqlChars.isTagPart;

import java.io.Reader;
import org.jspecify.annotations.Nullable;

/**
 * The splitter's single pass over a script: a state machine over characters that collects
 * one statement at a time, following PostgreSQL's (and psql's) lexical rules.
 *
 * <p>
 * Identifier-like runs are tracked as they are read because two decisions depend on them:
 * {@code $} and {@code E'} open a quote only at the start of a token (in {@code a$b$} the
 * {@code $} belongs to the identifier), and psql's heuristic for {@code BEGIN ATOMIC}
 * function bodies counts keywords.
 *
 * <p>
 * Over 300 lines on purpose: one state machine whose states share the statement being
 * built, read on the splitter's hot path (every byte of every script), where splitting it
 * into objects per state would cost a call per character and hide the transitions.
 */
final class ScriptLexer {

	/**
	 * A builder that grew beyond this is dropped after its statement, so one huge
	 * statement does not pin its memory for the rest of the script.
	 */
	private static final int RETAINED_CAPACITY = 1 << 16;

	private final CharCursor in;

	private StringBuilder text = new StringBuilder(256);

	private boolean started;

	/** Line of the current statement's first token; 0 while none has been read. */
	private int startLine;

	/**
	 * Where in {@link #text} the identifier-like run being read starts; -1 outside one.
	 */
	private int runStart = -1;

	private int runLine;

	/**
	 * False for runs that cannot be keywords: parameters like {@code $1}, stray
	 * {@code $tag}.
	 */
	private boolean runIsWord;

	private int parenDepth;

	private int parenLine;

	// psql's heuristic: in CREATE [OR REPLACE] FUNCTION|PROCEDURE, count BEGIN (and CASE
	// inside
	// it) against END so the ';' of a BEGIN ATOMIC body does not end the statement.
	private final char[] leadingWords = new char[4];

	private int wordCount;

	private int beginDepth;

	private int beginLine;

	ScriptLexer(Reader reader) {
		this.in = new CharCursor(reader);
	}

	ScriptLexer(String script) {
		this.in = new CharCursor(script);
	}

	/**
	 * Reads the next non-empty statement.
	 * @return the statement, or {@code null} at the end of the script
	 * @throws SqlSyntaxException if the script cannot be split
	 * @throws java.io.UncheckedIOException if the reader fails
	 */
	@Nullable SqlStatement next() {
		if (!started) {
			started = true;
			if (in.peek() == '\uFEFF') {
				in.read(); // a byte order mark that survived decoding is not SQL
			}
		}
		reset();
		int c;
		while ((c = in.read()) != EOF) {
			char ch = (char) c;
			if (startLine == 0) {
				if (isSpace(ch) || ch == ';' || comment(ch)) {
					continue;
				}
				startLine = in.line();
			}
			if (isIdentifierPart(ch)) {
				identifierPart(ch);
			}
			else {
				if (runStart >= 0) {
					endRun();
				}
				if (symbol(ch)) {
					return statement();
				}
			}
		}
		return endOfInput();
	}

	private void reset() {
		if (text.capacity() > RETAINED_CAPACITY) {
			text = new StringBuilder(256);
		}
		else {
			text.setLength(0);
		}
		startLine = 0;
		runStart = -1;
		parenDepth = 0;
		wordCount = 0;
		beginDepth = 0;
		leadingWords[0] = leadingWords[1] = leadingWords[2] = leadingWords[3] = 0;
	}

	private void identifierPart(char ch) {
		if (runStart < 0) {
			if ((ch == 'E' || ch == 'e') && in.peek() == '\'') {
				int line = in.line();
				text.append(ch).append((char) in.read());
				quoted('\'', true, line);
				return;
			}
			if (ch == '$') {
				dollar();
				return;
			}
			if (!isDigit(ch)) { // a number is not a run: in "1$$x$$" the '$$' still opens
								// a quote
				runStart = text.length();
				runLine = in.line();
				runIsWord = true;
			}
		}
		text.append(ch);
	}

	/** Handles a character outside any run; returns true when it ends the statement. */
	private boolean symbol(char ch) {
		switch (ch) {
			case ';':
				if (parenDepth == 0 && beginDepth == 0) {
					return true;
				}
				break;
			case '\'':
			case '"': {
				int line = in.line();
				text.append(ch);
				quoted(ch, false, line);
				return false;
			}
			case '-':
			case '/':
				if (comment(ch)) {
					return false;
				}
				break;
			case '(':
				if (parenDepth++ == 0) {
					parenLine = in.line();
				}
				break;
			case ')':
				if (parenDepth > 0) {
					parenDepth--;
				}
				break;
			case '\\':
				throw metaCommand();
			default:
				break;
		}
		text.append(ch);
		return false;
	}

	private @Nullable SqlStatement endOfInput() {
		if (runStart >= 0) {
			endRun();
		}
		if (startLine == 0) {
			return null;
		}
		if (parenDepth > 0) {
			throw new SqlSyntaxException(parenLine, "unclosed parenthesis opened on line " + parenLine
					+ ": add the missing ')' (a ';' inside parentheses does not end a statement)");
		}
		if (beginDepth > 0) {
			throw new SqlSyntaxException(beginLine, "unterminated BEGIN ATOMIC function body opened on line "
					+ beginLine + ": add the END that closes it (every CASE inside needs its own END too)");
		}
		return statement();
	}

	private SqlStatement statement() {
		int end = text.length();
		while (end > 0 && isSpace(text.charAt(end - 1))) {
			end--;
		}
		text.setLength(end);
		return new SqlStatement(text.toString(), startLine);
	}

	/** Reads a quoted string or identifier whose opening quote has been appended. */
	private void quoted(char quote, boolean backslashEscapes, int openLine) {
		int c;
		while ((c = in.read()) != EOF) {
			text.append((char) c);
			if (c == quote) {
				if (in.peek() != quote) {
					return;
				}
				text.append((char) in.read()); // doubled quote stands for itself
			}
			else if (c == '\\' && backslashEscapes) {
				c = in.read();
				if (c == EOF) {
					break;
				}
				text.append((char) c);
			}
		}
		throw new SqlSyntaxException(openLine, unterminatedQuote(quote, backslashEscapes, openLine));
	}

	private static String unterminatedQuote(char quote, boolean backslashEscapes, int line) {
		if (quote == '"') {
			return "unterminated quoted identifier opened on line " + line
					+ ": add the closing \" (a \" inside the identifier is written \"\")";
		}
		if (backslashEscapes) {
			return "unterminated escape string E'...' opened on line " + line
					+ ": add the closing ' (a ' inside the string is written \\' or '')";
		}
		return "unterminated string opened on line " + line
				+ ": add the closing ' (a ' inside the string is written '')";
	}

	/**
	 * After a '$' that starts a token: a dollar quote, a parameter like $1, or plain
	 * text.
	 */
	private void dollar() {
		int line = in.line();
		int start = text.length();
		text.append('$');
		if (isIdentifierStart(in.peek())) {
			do {
				text.append((char) in.read());
			}
			while (isTagPart(in.peek()));
		}
		if (in.peek() == '$') {
			text.append((char) in.read());
			dollarBody(text.substring(start), line);
		}
		else {
			runStart = start;
			runLine = line;
			runIsWord = false;
		}
	}

	/**
	 * Reads up to the closing delimiter. Checking whether the text ends with the
	 * delimiter at each '$' matches PostgreSQL: other tags inside the body are just text.
	 */
	private void dollarBody(String delimiter, int openLine) {
		int bodyStart = text.length();
		int last = delimiter.length() - 1;
		int c;
		while ((c = in.read()) != EOF) {
			text.append((char) c);
			if (c == '$') {
				int from = text.length() - 1 - last;
				if (from >= bodyStart && endsWith(from, delimiter, last)) {
					return;
				}
			}
		}
		throw new SqlSyntaxException(openLine, "unterminated dollar-quoted string " + delimiter + " opened on line "
				+ openLine + ": add the closing " + delimiter);
	}

	private boolean endsWith(int from, String delimiter, int length) {
		for (int i = 0; i < length; i++) {
			if (text.charAt(from + i) != delimiter.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads a comment if {@code ch} and the next character open one. Before the
	 * statement's first token comments are dropped; inside a statement they are kept
	 * verbatim.
	 */
	private boolean comment(char ch) {
		if (ch == '-' && in.peek() == '-') {
			lineComment();
			return true;
		}
		if (ch == '/' && in.peek() == '*') {
			blockComment();
			return true;
		}
		return false;
	}

	private void lineComment() {
		boolean keep = startLine != 0;
		if (keep) {
			text.append('-');
		}
		int c;
		while ((c = in.peek()) != EOF && c != '\n' && c != '\r') {
			in.read();
			if (keep) {
				text.append((char) c);
			}
		}
	}

	/** PostgreSQL block comments nest, so every inner opening needs its own closing. */
	private void blockComment() {
		int openLine = in.line();
		boolean keep = startLine != 0;
		in.read();
		if (keep) {
			text.append("/*");
		}
		int depth = 1;
		int c;
		while ((c = in.read()) != EOF) {
			if (keep) {
				text.append((char) c);
			}
			int next = in.peek();
			if ((c == '*' && next == '/') || (c == '/' && next == '*')) {
				in.read();
				if (keep) {
					text.append((char) next);
				}
				depth += c == '/' ? 1 : -1;
				if (depth == 0) {
					return;
				}
			}
		}
		throw new SqlSyntaxException(openLine, "unterminated block comment opened on line " + openLine
				+ ": add the closing */ (block comments nest, so every /* inside needs its own */)");
	}

	private SqlSyntaxException metaCommand() {
		int line = in.line();
		StringBuilder command = new StringBuilder("\\");
		int c;
		while ((c = in.peek()) != EOF && !isSpace(c) && c != '\\' && command.length() < 32) {
			command.append((char) in.read());
		}
		return new SqlSyntaxException(line, metaCommandMessage(command.toString()));
	}

	static String metaCommandMessage(String command) {
		if (command.equals("\\.")) {
			return "'\\.' ends the inline data of a COPY ... FROM STDIN, which a JDBC migration cannot"
					+ " provide: use INSERT statements or COPY FROM a file on the database server";
		}
		String advice = switch (command) {
			case "\\copy" -> "Use INSERT statements or COPY FROM a file on the database server instead";
			case "\\c", "\\connect" -> "Migrate each database with its own migrator configuration instead";
			default -> "Inline the SQL instead";
		};
		return "psql meta-command '" + command + "' is not supported: migrator sends SQL to the server"
				+ " over JDBC, it is not psql. " + advice;
	}

	private void endRun() {
		int start = runStart;
		runStart = -1;
		if (!runIsWord) {
			return;
		}
		int length = text.length() - start;
		if (wordCount < leadingWords.length) {
			leadingWords[wordCount] = headerLetter(start, length);
		}
		wordCount++;
		if (parenDepth == 0 && isRoutineDefinition()) {
			if (wordIs(start, length, "BEGIN")) {
				if (beginDepth++ == 0) {
					beginLine = runLine;
				}
			}
			else if (beginDepth > 0 && wordIs(start, length, "CASE")) {
				beginDepth++;
			}
			else if (beginDepth > 0 && wordIs(start, length, "END")) {
				beginDepth--;
			}
		}
	}

	/**
	 * psql's encoding of the words that matter in CREATE [OR REPLACE] FUNCTION|PROCEDURE.
	 */
	private char headerLetter(int start, int length) {
		if (wordIs(start, length, "CREATE")) {
			return 'c';
		}
		else if (wordIs(start, length, "OR")) {
			return 'o';
		}
		else if (wordIs(start, length, "REPLACE")) {
			return 'r';
		}
		else if (wordIs(start, length, "FUNCTION")) {
			return 'f';
		}
		else if (wordIs(start, length, "PROCEDURE")) {
			return 'p';
		}
		return 0;
	}

	private boolean isRoutineDefinition() {
		char[] w = leadingWords;
		return w[0] == 'c'
				&& (w[1] == 'f' || w[1] == 'p' || (w[1] == 'o' && w[2] == 'r' && (w[3] == 'f' || w[3] == 'p')));
	}

	private boolean wordIs(int start, int length, String keyword) {
		return isKeyword(text, start, length, keyword);
	}

}
