package io.migrator.core.java;

import io.migrator.core.Version;

/**
 * A versioned migration written in Java, as Flyway's {@code JavaMigration}. It runs in
 * version order with the SQL scripts (a version is one script's or one Java migration's,
 * never both), in one transaction on the migration connection that commits with its
 * ledger row and rolls back with it when {@link #migrate} throws. {@code info} lists it,
 * its {@link #checksum()} is recorded in the ledger, and {@code undo} reverts it when
 * {@link #canUndo()}.
 *
 * @since 0.3.0
 */
public interface JavaMigration {

	/**
	 * The version this migration brings the schema to.
	 * @return the version
	 */
	Version version();

	/**
	 * What it does, as {@code info} and the ledger show it.
	 * @return the description
	 */
	String description();

	/**
	 * What the ledger records as this migration's checksum: change it when the migration
	 * changes, and an applied migration whose checksum differs from the recorded one is
	 * {@code MODIFIED}, as an edited script is. At most 64 characters.
	 * @return the checksum, {@code java:<version>} by default
	 */
	default String checksum() {
		return "java:" + version();
	}

	/**
	 * Apply the migration.
	 * @param context the migration connection, in the migration's transaction
	 * @throws Exception to fail the migration; its transaction rolls back
	 */
	void migrate(JavaMigrationContext context) throws Exception;

	/**
	 * Whether {@link #undo} reverts this migration.
	 * @return {@code false} unless overridden
	 */
	default boolean canUndo() {
		return false;
	}

	/**
	 * Revert the migration, when {@link #canUndo()}.
	 * @param context the migration connection, in the undo's transaction
	 * @throws Exception to fail the undo; its transaction rolls back
	 */
	default void undo(JavaMigrationContext context) throws Exception {
		throw new UnsupportedOperationException(getClass().getName() + " cannot be undone");
	}

}
