package io.migrator.core;

import java.util.function.BiConsumer;

import io.migrator.core.lint.LintReport;
import io.migrator.core.rehearse.RehearsalReport;

/**
 * A command's name, as listeners and messages see it, and the listener event its success
 * adds to {@link MigrationListener#commandSucceeded}. Typed, so a result reaches the one
 * event that fits it.
 *
 * @param name the name listeners are told
 * @param succeeded the event for a successful result, besides {@code commandSucceeded}
 * @param <T> the command's result
 */
record Command<T>(String name, BiConsumer<MigrationListener, T> succeeded) {

	static final Command<MigrateResult> MIGRATE = new Command<>("migrate", MigrationListener::migrateSucceeded);

	static final Command<MigrateResult> UNDO = new Command<>("undo", MigrationListener::undoSucceeded);

	static final Command<RepairResult> REPAIR = plain("repair");

	static final Command<InfoResult> BASELINE = plain("baseline");

	static final Command<InfoResult> INFO = plain("info");

	static final Command<ValidateResult> VALIDATE = plain("validate");

	static final Command<InfoResult> AWAIT = plain("await");

	static final Command<LintReport> LINT = plain("lint");

	static final Command<RehearsalReport> REHEARSE = plain("rehearse");

	static final Command<DryRun> MIGRATE_DRY_RUN = plain("migrate (dry run)");

	static final Command<DryRun> UNDO_DRY_RUN = plain("undo (dry run)");

	private static <T> Command<T> plain(String name) {
		return new Command<>(name, (listener, result) -> {
		});
	}

}
