package io.migrator.core.internal.lock;

import java.sql.SQLException;

/**
 * Asked by {@link LockPoller} before each try of the lock: whether the work the lock
 * protects is already done, by whoever holds it, so waiting can stop without ever taking
 * the lock.
 */
@FunctionalInterface
public interface WaitCheck {

	/** For commands that must always take the lock. */
	WaitCheck NEVER = () -> false;

	/**
	 * Whether the work is done. Called while another session holds the lock, so it must
	 * be cheap and must not wait for that session.
	 * @return {@code true} to stop waiting without the lock
	 * @throws SQLException if the database fails
	 */
	boolean workDone() throws SQLException;

}
