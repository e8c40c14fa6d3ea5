package io.migrator.core.callback;

import java.sql.SQLException;

/**
 * Code that runs on the migration connection at an {@link Event}, such as granting
 * privileges after every migration. It runs under the migration lock, on the connection
 * that migrates, in auto-commit mode: work it must keep atomic, it wraps in a transaction
 * of its own. A callback that throws stops the run as a failed script does
 * ({@link Event#AFTER_MIGRATE_ERROR} callbacks are then still called, and their failures
 * are added to the first).
 *
 * @since 0.3.0
 */
@FunctionalInterface
public interface Callback {

	/**
	 * Whether this callback wants an event; only those it supports are handed to it.
	 * @param event the event
	 * @return whether to call {@link #handle} for it
	 */
	default boolean supports(Event event) {
		return true;
	}

	/**
	 * Handle an event.
	 * @param event the event
	 * @param context the migration connection and the script concerned
	 * @throws SQLException to stop the run
	 */
	void handle(Event event, CallbackContext context) throws SQLException;

}
