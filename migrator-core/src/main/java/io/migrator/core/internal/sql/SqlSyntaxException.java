package io.migrator.core.internal.sql;

/**
 * A script cannot be split into statements, for example because a string is never closed
 * or it contains a psql meta-command. The message says what is wrong and how to fix it.
 */
public final class SqlSyntaxException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int line;

	/**
	 * @param line the 1-based line of the script where the problem is (or where the
	 * unterminated construct was opened)
	 * @param message what is wrong and how to fix it
	 */
	public SqlSyntaxException(int line, String message) {
		super(message);
		this.line = line;
	}

	/** The 1-based line of the script where the problem is. */
	public int line() {
		return line;
	}

}
