package io.migrator.core.testsupport;

/**
 * A script with a syntax error on a known line, deep enough in a multi-line statement
 * that only a reported line number that counts every line of the script can be right.
 */
public final class SyntaxErrorScript {

	private SyntaxErrorScript() {
	}

	/**
	 * Thirty lines of the test's own, then a {@code CREATE TABLE} on lines 31 to 38 whose
	 * line 36 lacks its comma: PostgreSQL stops at line 37 with a syntax error (SQLSTATE
	 * 42601).
	 * @param firstThirtyLines lines 1 to 30, each ending in a newline
	 * @param table the table line 31 creates
	 * @return the script
	 */
	public static String onLine37(String firstThirtyLines, String table) {
		if (firstThirtyLines.lines().count() != 30 || !firstThirtyLines.endsWith("\n")) {
			throw new IllegalArgumentException("Not thirty lines, each ending in a newline: " + firstThirtyLines);
		}
		// Line 31 opens the statement; line 36 has no comma, so line 37 is the error.
		return firstThirtyLines + """
				CREATE TABLE %s (
				  id INT,
				  a TEXT,
				  b TEXT,
				  c TEXT,
				  d TEXT
				  e TEXT
				);
				""".formatted(table);
	}

}
