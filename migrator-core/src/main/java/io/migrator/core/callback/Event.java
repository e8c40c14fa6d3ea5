package io.migrator.core.callback;

import org.jspecify.annotations.Nullable;

/**
 * When a callback runs. Each has Flyway's name, which is also the name of its SQL
 * callback script: {@code beforeMigrate.sql}, or
 * {@code beforeMigrate__<description>.sql}.
 *
 * @since 0.3.0
 */
public enum Event {

	/** Before {@code migrate} runs its first script, under the lock. */
	BEFORE_MIGRATE("beforeMigrate"),

	/** Before each script of {@code migrate}, in a transaction of its own. */
	BEFORE_EACH_MIGRATE("beforeEachMigrate"),

	/** After each script of {@code migrate} succeeded, in a transaction of its own. */
	AFTER_EACH_MIGRATE("afterEachMigrate"),

	/** After {@code migrate} succeeded, under the lock. */
	AFTER_MIGRATE("afterMigrate"),

	/** After a script of {@code migrate} failed, its own changes rolled back. */
	AFTER_MIGRATE_ERROR("afterMigrateError"),

	/** Before {@code undo} runs its first undo script. */
	BEFORE_UNDO("beforeUndo"),

	/** Before each undo script. */
	BEFORE_EACH_UNDO("beforeEachUndo"),

	/** After each undo script succeeded. */
	AFTER_EACH_UNDO("afterEachUndo"),

	/** After {@code undo} succeeded. */
	AFTER_UNDO("afterUndo"),

	/** After an undo script failed. */
	AFTER_UNDO_ERROR("afterUndoError");

	private final String callbackName;

	Event(String callbackName) {
		this.callbackName = callbackName;
	}

	/**
	 * Flyway's name of the event, the stem of its SQL callback scripts.
	 * @return such as {@code beforeMigrate}
	 */
	public String callbackName() {
		return this.callbackName;
	}

	/**
	 * The event of a callback script's name.
	 * @param stem the file name without {@code .sql} and without a {@code __description}
	 * @return the event, or {@code null} when the name is no event's
	 */
	public static @Nullable Event fromCallbackName(String stem) {
		for (Event event : values()) {
			if (event.callbackName.equals(stem)) {
				return event;
			}
		}
		return null;
	}

}
