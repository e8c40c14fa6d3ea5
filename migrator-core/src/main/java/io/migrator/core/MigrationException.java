package io.migrator.core;

import org.jspecify.annotations.Nullable;

/**
 * Why a migrator command did not succeed. The message is written for the person reading
 * the log: it names the script, the line where known, the database's message and what to
 * do next. It never contains a password.
 *
 * @since 0.1.0
 */
public class MigrationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final @Nullable String script;

	private final int line;

	private final @Nullable String sqlState;

	public MigrationException(Reason reason, String message) {
		this(reason, message, null, 0, null, null);
	}

	public MigrationException(Reason reason, String message, @Nullable Throwable cause) {
		this(reason, message, null, 0, null, cause);
	}

	public MigrationException(Reason reason, String message, @Nullable String script, int line,
			@Nullable String sqlState, @Nullable Throwable cause) {
		super(message, cause);
		this.reason = reason;
		this.script = script;
		this.line = line;
		this.sqlState = sqlState;
	}

	/**
	 * What kind of failure this is; job mode maps it to the process exit code.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * The script that failed, if a script failed.
	 * @return the script's location or {@code null}
	 */
	public @Nullable String script() {
		return this.script;
	}

	/**
	 * The 1-based line in the script where the failing statement starts, or 0 when
	 * unknown.
	 * @return the line
	 */
	public int line() {
		return this.line;
	}

	/**
	 * The SQLSTATE the database reported, if any.
	 * @return the SQLSTATE or {@code null}
	 */
	public @Nullable String sqlState() {
		return this.sqlState;
	}

	/**
	 * The kinds of failure, each with its own exit code in job mode.
	 */
	public enum Reason {

		/** The configuration is invalid. */
		CONFIGURATION(2),

		/** The database could not be reached or refused the connection. */
		CONNECTION(3),

		/** A script name, encoding or set of scripts is invalid. */
		INVALID_SCRIPTS(4),

		/**
		 * The scripts and the history do not match (modified, missing, failed,
		 * unfinished).
		 */
		VALIDATION(5),

		/** Another migrator held the lock for longer than the wait timeout. */
		LOCK_TIMEOUT(6),

		/** A migration script failed. */
		SCRIPT_FAILED(7),

		/** A requested target or undo is not possible. */
		TARGET(8),

		/** The database did not reach the expected version in time (await mode). */
		AWAIT_TIMEOUT(9),

		/** Any other database error, such as an unreadable history table. */
		DATABASE(10),

		/**
		 * The safety lint found a statement that locks a table in use or breaks the
		 * running version, and {@code lint} mode is {@code fail} (or the {@code lint}
		 * command found one).
		 * @since 0.2.0
		 */
		LINT(11),

		/**
		 * The rehearsal found a script that fails, or an undo script that does not
		 * restore the schema before its version.
		 * @since 0.3.0
		 */
		REHEARSAL(12);

		private final int exitCode;

		Reason(int exitCode) {
			this.exitCode = exitCode;
		}

		/**
		 * The process exit code job mode uses for this reason.
		 * @return the exit code, never 0 or 1
		 */
		public int exitCode() {
			return this.exitCode;
		}

	}

}
