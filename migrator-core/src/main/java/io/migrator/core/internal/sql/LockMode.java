package io.migrator.core.internal.sql;

import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's table-level lock modes, weakest first, so that {@link #compareTo} tells
 * which of two is stronger. A stronger mode is not always a superset of a weaker one's
 * conflicts ({@code SHARE} and {@code SHARE UPDATE EXCLUSIVE} conflict with different
 * modes), but PostgreSQL numbers them in this order and takes the highest when a
 * statement needs several, and so does the classifier.
 */
public enum LockMode {

	/** Taken by {@code SELECT}: conflicts only with {@code ACCESS EXCLUSIVE}. */
	ACCESS_SHARE("ACCESS SHARE", "AccessShareLock"),

	/** Taken by {@code SELECT ... FOR UPDATE} and {@code FOR SHARE}. */
	ROW_SHARE("ROW SHARE", "RowShareLock"),

	/** Taken by {@code INSERT}, {@code UPDATE}, {@code DELETE} and {@code MERGE}. */
	ROW_EXCLUSIVE("ROW EXCLUSIVE", "RowExclusiveLock"),

	/**
	 * Taken by {@code VACUUM}, {@code ANALYZE}, {@code CREATE INDEX CONCURRENTLY} and
	 * some {@code ALTER TABLE} forms: writes go on, schema changes wait.
	 */
	SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock"),

	/** Taken by {@code CREATE INDEX}: reads go on, writes wait. */
	SHARE("SHARE", "ShareLock"),

	/** Taken by {@code CREATE TRIGGER} and adding a foreign key: writes wait. */
	SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock"),

	/**
	 * Taken by {@code REFRESH MATERIALIZED VIEW CONCURRENTLY}: only plain reads go on.
	 */
	EXCLUSIVE("EXCLUSIVE", "ExclusiveLock"),

	/**
	 * Taken by most {@code ALTER TABLE} forms, {@code DROP}, {@code TRUNCATE} and
	 * {@code VACUUM FULL}: even reads wait, and so does every statement queued behind it.
	 */
	ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", "AccessExclusiveLock");

	private final String sqlName;

	private final String pgLocksName;

	LockMode(String sqlName, String pgLocksName) {
		this.sqlName = sqlName;
		this.pgLocksName = pgLocksName;
	}

	/**
	 * The mode as SQL writes it, in {@code LOCK TABLE ... IN ACCESS EXCLUSIVE MODE} and
	 * in PostgreSQL's documentation.
	 * @return for example {@code "ACCESS EXCLUSIVE"}
	 */
	public String sqlName() {
		return this.sqlName;
	}

	/**
	 * The mode as {@code pg_locks.mode} spells it, to compare with the locks a session
	 * holds or waits for.
	 * @return for example {@code "AccessExclusiveLock"}
	 */
	public String pgLocksName() {
		return this.pgLocksName;
	}

	/** The mode {@code LOCK TABLE} names with these words, in upper case. */
	static @Nullable LockMode ofSqlName(String sqlName) {
		for (LockMode mode : values()) {
			if (mode.sqlName.equals(sqlName)) {
				return mode;
			}
		}
		return null;
	}

	/** The stronger of two modes, either of which may be absent. */
	static @Nullable LockMode stronger(@Nullable LockMode one, @Nullable LockMode other) {
		if (one == null) {
			return other;
		}
		return (other == null || one.compareTo(other) >= 0) ? one : other;
	}

}
