package io.migrator.core.internal.history;

/**
 * What a history row records about its script.
 */
public enum HistoryStatus {

	/** A non-transactional script started; a later row says how it ended. */
	STARTED,

	/** The script completed. */
	SUCCESS,

	/** A non-transactional script failed part-way. */
	FAILED,

	/** {@code repair} realigned the recorded checksum with the script's current one. */
	REPAIRED,

	/**
	 * {@code repair} cleared a failed or unfinished attempt after someone cleaned up by
	 * hand.
	 */
	CLEARED

}
