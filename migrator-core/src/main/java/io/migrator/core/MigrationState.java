package io.migrator.core;

/**
 * Where one migration stands, derived from the scripts the application ships and the
 * history the database keeps.
 *
 * @since 0.1.0
 */
public enum MigrationState {

	/** Applied and unchanged since. */
	APPLIED(true),

	/** Not yet applied. */
	PENDING(false),

	/**
	 * A pending script whose version is below one already applied; applied only when
	 * out-of-order runs are allowed.
	 */
	OUT_OF_ORDER(false),

	/** A non-transactional script failed part-way; blocks later runs until repaired. */
	FAILED(false),

	/**
	 * A non-transactional script started and never finished (the process died); blocks
	 * later runs until repaired.
	 */
	UNFINISHED(false),

	/** Applied, but the script has changed since. */
	MODIFIED(true),

	/** Applied, but the application no longer ships the script. */
	MISSING(true),

	/**
	 * Applied by a newer release: the version is above every script this application
	 * ships.
	 */
	FUTURE(true),

	/**
	 * Reverted by its undo script and no longer shipped by this application (a version
	 * that is still shipped is {@link #PENDING} again after an undo).
	 */
	UNDONE(false),

	/** The version an existing schema was adopted at. */
	BASELINE(true),

	/** At or below the baseline version: treated as present, never applied. */
	BELOW_BASELINE(true);

	private final boolean inSchema;

	MigrationState(boolean inSchema) {
		this.inSchema = inSchema;
	}

	/**
	 * Whether the change this migration makes is in the schema now.
	 * @return whether it counts towards the schema version
	 */
	public boolean isInSchema() {
		return this.inSchema;
	}

	/**
	 * Whether this state stops {@code migrate} until someone looks at it.
	 * @return whether migrate refuses to run
	 */
	public boolean isBlocking() {
		return this == FAILED || this == UNFINISHED || this == MODIFIED || this == MISSING;
	}

}
