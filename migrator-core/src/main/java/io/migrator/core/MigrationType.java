package io.migrator.core;

/**
 * The kinds of script and history entry.
 *
 * @since 0.1.0
 */
public enum MigrationType {

	/** {@code V<version>__<description>.sql}: applied once, in version order. */
	VERSIONED('V'),

	/**
	 * {@code U<version>__<description>.sql}: reverts the versioned script of the same
	 * version.
	 */
	UNDO('U'),

	/**
	 * {@code R__<description>.sql}: re-applied whenever its content changes, after all
	 * versioned ones.
	 */
	REPEATABLE('R'),

	/** A history entry that adopts an existing schema as being at a version. */
	BASELINE('B');

	private final char prefix;

	MigrationType(char prefix) {
		this.prefix = prefix;
	}

	/**
	 * The file name prefix of this kind of script.
	 * @return the prefix letter
	 */
	public char prefix() {
		return this.prefix;
	}

}
