package io.migrator.core;

import java.time.Duration;

import io.migrator.core.lint.LintReport;

/**
 * Receives what the engine does, as it happens. Logging, metrics and health are
 * listeners. Methods are called on the migrating thread; they must be quick and must not
 * throw.
 *
 * @since 0.1.0
 */
public interface MigrationListener {

	/**
	 * A command starts working on the database.
	 * @param command the command's name ({@code migrate}, {@code undo}, ...)
	 */
	default void commandStarted(String command) {
	}

	/**
	 * Another migrator holds the lock; called when waiting starts and again periodically.
	 * @param holder who holds it
	 * @param waited how long this migrator has waited so far
	 */
	default void lockWaiting(LockHolder holder, Duration waited) {
	}

	/**
	 * The lock is ours.
	 * @param waited how long it took to get it
	 */
	default void lockAcquired(Duration waited) {
	}

	/**
	 * Stopped waiting for the lock without taking it: another migrator applied everything
	 * pending meanwhile ({@code migrate} only).
	 * @param waited how long this migrator waited
	 */
	default void lockNotNeeded(Duration waited) {
	}

	/**
	 * The plan is known: what will run now.
	 * @param info the state before running anything
	 * @param toRun how many scripts will run
	 */
	default void planned(InfoResult info, int toRun) {
	}

	/**
	 * The scripts about to run were linted ({@code migrate} with lint on, and the
	 * {@code lint} command).
	 * @param report the findings, suppressed ones included
	 * @since 0.2.0
	 */
	default void linted(LintReport report) {
	}

	/**
	 * A script starts.
	 * @param script the script
	 * @param index its 1-based position in this run
	 * @param total the number of scripts this run applies
	 */
	default void scriptStarted(ScriptRun script, int index, int total) {
	}

	/**
	 * A script finished and its history row is written.
	 * @param script the script
	 * @param duration how long it took
	 */
	default void scriptSucceeded(ScriptRun script, Duration duration) {
	}

	/**
	 * A script failed.
	 * @param script the script
	 * @param duration how long it ran before failing
	 * @param failure what went wrong
	 */
	default void scriptFailed(ScriptRun script, Duration duration, MigrationException failure) {
	}

	/**
	 * {@link Migrator#awaitVersion} looked at the schema, found it behind, and will look
	 * again; called after every look.
	 * @param info what it saw last
	 * @since 0.2.0
	 */
	default void awaiting(InfoResult info) {
	}

	/**
	 * {@link Migrator#awaitVersion} found the schema at the version it waits for.
	 * @param info what it saw
	 * @since 0.2.0
	 */
	default void awaited(InfoResult info) {
	}

	/**
	 * A {@code migrate} run finished successfully.
	 * @param result what it did
	 */
	default void migrateSucceeded(MigrateResult result) {
	}

	/**
	 * An {@code undo} run finished successfully.
	 * @param result what it reverted; {@link MigrateResult#applied()} lists the undo
	 * scripts run
	 */
	default void undoSucceeded(MigrateResult result) {
	}

	/**
	 * Any command finished successfully.
	 * @param command the command's name
	 * @param duration how long it took
	 */
	default void commandSucceeded(String command, Duration duration) {
	}

	/**
	 * A command failed.
	 * @param command the command's name
	 * @param failure what went wrong
	 */
	default void commandFailed(String command, MigrationException failure) {
	}

	/**
	 * A script about to run or running, as listeners see it.
	 *
	 * @param version the version, or {@code null} for a repeatable script
	 * @param description the description
	 * @param type the kind of script
	 * @param script the script's file name
	 * @param transactional whether it runs in one transaction
	 */
	record ScriptRun(@org.jspecify.annotations.Nullable Version version, String description, MigrationType type,
			String script, boolean transactional) {

		/**
		 * A short label for logs, such as {@code version 7} or
		 * {@code repeatable 'views'}.
		 * @return the label
		 */
		public String label() {
			return switch (this.type) {
				case REPEATABLE -> "repeatable '" + this.description + "'";
				case UNDO -> "undo of version " + this.version;
				default -> "version " + this.version;
			};
		}

	}

}
