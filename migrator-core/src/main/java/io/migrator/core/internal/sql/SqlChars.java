package io.migrator.core.internal.sql;

/**
 * PostgreSQL's lexical character classes, shared by the splitter and the statement
 * tokenizer.
 */
final class SqlChars {

	private SqlChars() {
	}

	static boolean isSpace(int c) {
		return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B;
	}

	static boolean isDigit(int c) {
		return c >= '0' && c <= '9';
	}

	/** PostgreSQL's ident_start: ASCII letters, '_' and every non-ASCII character. */
	static boolean isIdentifierStart(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
	}

	/** PostgreSQL's ident_cont, which unlike a dollar-quote tag includes '$'. */
	static boolean isIdentifierPart(int c) {
		return isIdentifierStart(c) || isDigit(c) || c == '$';
	}

	static boolean isTagPart(int c) {
		return isIdentifierStart(c) || isDigit(c);
	}

	/**
	 * Whether {@code text[start, start + length)} is {@code keyword} in any case.
	 * ASCII-only folding on purpose: {@link String#equalsIgnoreCase} would let a dotless
	 * {@code ı} match {@code I}, which PostgreSQL does not.
	 */
	static boolean isKeyword(CharSequence text, int start, int length, String keyword) {
		if (length != keyword.length()) {
			return false;
		}
		for (int i = 0; i < length; i++) {
			char c = text.charAt(start + i);
			if (c >= 0x80 || (c | 0x20) != (keyword.charAt(i) | 0x20)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * {@code text} with ASCII letters in upper case and every other character kept, which
	 * is how PostgreSQL compares keywords; {@link String#toUpperCase} would turn a
	 * dotless {@code ı} into {@code I}.
	 */
	static String asciiUpperCase(String text) {
		return changeAsciiCase(text, 'a', 'z', 'A' - 'a');
	}

	/**
	 * {@code text} with ASCII letters in lower case and every other character kept: how
	 * PostgreSQL folds an unquoted identifier in a multibyte encoding such as UTF-8.
	 */
	static String asciiLowerCase(String text) {
		return changeAsciiCase(text, 'A', 'Z', 'a' - 'A');
	}

	private static String changeAsciiCase(String text, char first, char last, int shift) {
		char[] chars = text.toCharArray();
		for (int i = 0; i < chars.length; i++) {
			if (chars[i] >= first && chars[i] <= last) {
				chars[i] = (char) (chars[i] + shift);
			}
		}
		return new String(chars);
	}

}
