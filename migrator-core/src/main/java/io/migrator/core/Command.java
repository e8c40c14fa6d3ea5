package io.migrator.core;

import java.util.function.BiConsumer;

import io.migrator.core.lint.LintReport;
import io.migrator.core.rehearse.RehearsalReport;

/**
 * A command's name, as listeners and messages see it, the listener event its success adds
 * to {@link MigrationListener#commandSucceeded}, and what it does under the lock when the
 * ledger is absent and Flyway's history is there. Typed, so a result reaches the one
 * event that fits it.
 *
 * @param name the name listeners are told
 * @param succeeded the event for a successful result, besides {@code commandSucceeded}
 * @param flyway what it does with a Flyway history in place of the ledger
 * @param <T> the command's result
 */
record Command<T>(String name, BiConsumer<MigrationListener, T> succeeded, OnFlyway flyway) {

	static final Command<MigrateResult> MIGRATE = new Command<>("migrate", MigrationListener::migrateSucceeded,
			OnFlyway.AS_CONFIGURED);

	static final Command<MigrateResult> UNDO = new Command<>("undo", MigrationListener::undoSucceeded,
			OnFlyway.AS_CONFIGURED);

	static final Command<RepairResult> REPAIR = plain("repair");

	/** A baseline is itself a way to adopt a schema, Flyway's or any other. */
	static final Command<InfoResult> BASELINE = new Command<>("baseline", (listener, result) -> {
	}, OnFlyway.IGNORE);

	static final Command<AdoptResult> ADOPT_FLYWAY = new Command<>("adopt-flyway", (listener, result) -> {
	}, OnFlyway.ADOPT);

	static final Command<InfoResult> INFO = plain("info");

	static final Command<ValidateResult> VALIDATE = plain("validate");

	static final Command<InfoResult> AWAIT = plain("await");

	static final Command<LintReport> LINT = plain("lint");

	static final Command<RehearsalReport> REHEARSE = plain("rehearse");

	static final Command<DryRun> MIGRATE_DRY_RUN = plain("migrate (dry run)");

	static final Command<DryRun> UNDO_DRY_RUN = plain("undo (dry run)");

	private static <T> Command<T> plain(String name) {
		return new Command<>(name, (listener, result) -> {
		}, OnFlyway.AS_CONFIGURED);
	}

	/**
	 * What a command that takes the lock does when migrator's ledger is absent or empty
	 * and Flyway's history table has rows.
	 */
	enum OnFlyway {

		/** Adopt it when {@code flywayAdopt} is set, else refuse. */
		AS_CONFIGURED,

		/** Adopt it. */
		ADOPT,

		/** Go on without looking. */
		IGNORE

	}

}
