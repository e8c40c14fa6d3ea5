package io.migrator.core.internal.lock;

import java.sql.SQLException;

import io.migrator.core.LockHolder;

/**
 * A database's migration lock: one non-blocking try, a description of whoever holds it,
 * and the release. {@link LockPoller} does the waiting. Release failures are reported but
 * never hide an exception that is already propagating.
 */
public interface DatabaseLock extends AutoCloseable {

	/**
	 * Try once, without waiting.
	 * @return whether the lock is now held
	 * @throws SQLException if the database fails
	 */
	boolean tryAcquire() throws SQLException;

	/**
	 * Who holds the lock now, as far as the database tells.
	 * @return the holder, {@link LockHolder#UNKNOWN} when it cannot tell
	 */
	LockHolder holder();

	/**
	 * Release the lock if this session holds it.
	 */
	@Override
	void close();

}
