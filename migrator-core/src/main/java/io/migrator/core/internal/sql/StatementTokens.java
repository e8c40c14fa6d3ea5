package io.migrator.core.internal.sql;

import static io.migrator.core.internal.sql.SqlChars.isDigit;
import static io.migrator.core.internal.sql.SqlChars.isIdentifierPart;
import static io.migrator.core.internal.sql.SqlChars.isIdentifierStart;
import static io.migrator.core.internal.sql.SqlChars.isKeyword;
import static io.migrator.core.internal.sql.SqlChars.isSpace;
import static io.migrator.core.internal.sql.SqlChars.isTagPart;

/**
 * The tokens of one statement, read on demand. Whitespace and comments are skipped; a
 * string, quoted identifier or dollar-quoted body is one opaque token, so words inside it
 * never look like keywords. Reading stops where the caller stops asking, so classifying a
 * large INSERT only reads its first word.
 *
 * <p>
 * The scanner and the questions the classifiers ask of the current token share one
 * position, and keeping them in one class keeps that position private.
 */
final class StatementTokens {

	enum Type {

		WORD, NUMBER, QUOTED, SYMBOL, END

	}

	private final String sql;

	private int position;

	private Type type = Type.END;

	private int start;

	private int end;

	private int nesting;

	private int depth;

	StatementTokens(String sql) {
		this(sql, 0);
	}

	private StatementTokens(String sql, int position) {
		this.sql = sql;
		this.position = position;
	}

	/**
	 * Moves to the next token and returns its type; {@link Type#END} at the end of the
	 * text.
	 */
	Type next() {
		skipSpaceAndComments();
		depth = nesting;
		start = position;
		if (position >= sql.length()) {
			type = Type.END;
		}
		else {
			type = scan(sql.charAt(position));
		}
		end = position;
		return type;
	}

	Type type() {
		return type;
	}

	/**
	 * Parenthesis nesting of the current token; a '(' or ')' counts as outside its group.
	 */
	int depth() {
		return depth;
	}

	boolean isWord(String keyword) {
		return type == Type.WORD && isKeyword(sql, start, end - start, keyword);
	}

	boolean isSymbol(char symbol) {
		return type == Type.SYMBOL && sql.charAt(start) == symbol;
	}

	/**
	 * Whether the current token is a boolean option value meaning false (FALSE, OFF, 0,
	 * 'off').
	 */
	boolean isFalse() {
		if (type == Type.QUOTED && sql.charAt(start) == '\'' && end - start >= 2) {
			return isKeyword(sql, start + 1, end - start - 2, "FALSE")
					|| isKeyword(sql, start + 1, end - start - 2, "OFF");
		}
		return isWord("FALSE") || isWord("OFF")
				|| (type == Type.NUMBER && end - start == 1 && sql.charAt(start) == '0');
	}

	/**
	 * The current word in upper case, for a {@code switch}; "" if the current token is
	 * not a word. ASCII-only, like {@link #isWord}, so a dotless {@code ı} stays what it
	 * is.
	 */
	String word() {
		return (type == Type.WORD) ? SqlChars.asciiUpperCase(text()) : "";
	}

	/** The current token as written, quotes included. */
	String text() {
		return sql.substring(start, end);
	}

	/** Whether the current token is a {@code "quoted"} identifier, not a string. */
	boolean isQuotedIdentifier() {
		return type == Type.QUOTED && sql.charAt(start) == '"';
	}

	/** If the current token is {@code keyword}, moves past it. */
	boolean accept(String keyword) {
		if (isWord(keyword)) {
			next();
			return true;
		}
		return false;
	}

	/**
	 * Whether the token after the current one is {@code keyword}, without moving: where
	 * the next word decides what this one is ({@code IF EXISTS}, or a table named
	 * {@code if}). That one token is read twice, never the statement.
	 */
	boolean nextIsWord(String keyword) {
		StatementTokens ahead = new StatementTokens(sql, end);
		ahead.next();
		return ahead.isWord(keyword);
	}

	/**
	 * From the current token on, moves to {@code keyword} outside parentheses; true if it
	 * is there (the cursor then stands on it), false at the end of the statement.
	 */
	boolean seek(String keyword) {
		for (; type != Type.END; next()) {
			if (depth == 0 && isWord(keyword)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * From the current token on, moves to {@code keyword}, inside parentheses or not;
	 * true if it is there.
	 */
	boolean seekAnyDepth(String keyword) {
		for (; type != Type.END; next()) {
			if (isWord(keyword)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * From the current token on, moves to {@code first second} outside parentheses; true
	 * if it is there (the cursor then stands on {@code second}).
	 */
	boolean seekPair(String first, String second) {
		boolean afterFirst = false;
		for (; type != Type.END; next()) {
			if (afterFirst && depth == 0 && isWord(second)) {
				return true;
			}
			afterFirst = depth == 0 && isWord(first);
		}
		return false;
	}

	/** From a '(' moves to the token after its matching ')'. */
	void skipGroup() {
		int outside = depth;
		while (next() != Type.END && !(depth == outside && isSymbol(')'))) {
			// skipping the group's contents
		}
		next();
	}

	private Type scan(char c) {
		if (isIdentifierStart(c)) {
			if ((c == 'E' || c == 'e') && charAt(position + 1) == '\'') {
				position = afterQuoted(position + 1, '\'', true);
				return Type.QUOTED;
			}
			position = afterIdentifierParts(position + 1);
			return Type.WORD;
		}
		if (isDigit(c)) {
			do {
				position++;
			}
			while (isIdentifierPart(charAt(position)) || charAt(position) == '.');
			return Type.NUMBER;
		}
		if (c == '\'' || c == '"') {
			position = afterQuoted(position, c, false);
			return Type.QUOTED;
		}
		if (c == '$' && dollarQuote()) {
			return Type.QUOTED;
		}
		position++;
		if (c == '(') {
			nesting++;
		}
		else if (c == ')' && nesting > 0) {
			depth = --nesting;
		}
		return Type.SYMBOL;
	}

	private boolean dollarQuote() {
		int tagEnd = position + 1;
		if (isIdentifierStart(charAt(tagEnd))) {
			do {
				tagEnd++;
			}
			while (isTagPart(charAt(tagEnd)));
		}
		if (charAt(tagEnd) != '$') {
			return false;
		}
		String delimiter = sql.substring(position, tagEnd + 1);
		int close = sql.indexOf(delimiter, tagEnd + 1);
		position = close < 0 ? sql.length() : close + delimiter.length();
		return true;
	}

	private int afterIdentifierParts(int from) {
		int i = from;
		while (isIdentifierPart(charAt(i))) {
			i++;
		}
		return i;
	}

	private int afterQuoted(int open, char quote, boolean backslashEscapes) {
		int i = open + 1;
		while (i < sql.length()) {
			char c = sql.charAt(i++);
			if (c == quote) {
				if (charAt(i) != quote) {
					return i;
				}
				i++;
			}
			else if (c == '\\' && backslashEscapes) {
				i++;
			}
		}
		return sql.length();
	}

	private void skipSpaceAndComments() {
		while (position < sql.length()) {
			char c = sql.charAt(position);
			if (isSpace(c)) {
				position++;
			}
			else if (c == '-' && charAt(position + 1) == '-') {
				while (position < sql.length() && sql.charAt(position) != '\n' && sql.charAt(position) != '\r') {
					position++;
				}
			}
			else if (c == '/' && charAt(position + 1) == '*') {
				skipBlockComment();
			}
			else {
				return;
			}
		}
	}

	private void skipBlockComment() {
		int depthOfComment = 0;
		while (position < sql.length()) {
			char c = sql.charAt(position);
			char next = charAt(position + 1);
			if (c == '/' && next == '*') {
				depthOfComment++;
				position += 2;
			}
			else if (c == '*' && next == '/') {
				position += 2;
				if (--depthOfComment == 0) {
					return;
				}
			}
			else {
				position++;
			}
		}
	}

	/**
	 * The character at {@code index}, or 0 past the end, so look-ahead needs no bounds
	 * checks.
	 */
	private char charAt(int index) {
		return index < sql.length() ? sql.charAt(index) : 0;
	}

}
