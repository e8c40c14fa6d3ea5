package io.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

import io.migrator.core.LockHolder;
import io.migrator.core.internal.lock.DatabaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MySQL or MariaDB user-level lock on the migration connection itself:
 * <ol>
 * <li>its name is {@code migrator_} and the lock key of the history table
 * ({@link PostgresAdvisoryLock#keyFor}) in hex; user locks are server-wide, and the
 * history table's schema (its database) is part of the key, so migrators of different
 * databases on one server never wait for each other;</li>
 * <li>it is taken with {@code GET_LOCK(name, 0)}, which answers at once, polled by
 * {@link io.migrator.core.internal.lock.LockPoller};</li>
 * <li>like PostgreSQL's session lock it survives every COMMIT (and every implicit commit
 * of DDL) and is released when the session ends, so a crashed migrator leaves nothing
 * stale;</li>
 * <li>while waiting, the holder is {@code IS_USED_LOCK(name)}, the holder's connection
 * id, described from {@code information_schema.PROCESSLIST} where the user may read it
 * (it sees other users' sessions only with the PROCESS privilege);</li>
 * <li>closing releases it with {@code RELEASE_LOCK}.</li>
 * </ol>
 */
final class MysqlUserLock implements DatabaseLock {

	private static final Logger logger = LoggerFactory.getLogger(MysqlUserLock.class);

	static final String HOLDER_SQL = "SELECT ID, USER, HOST, TIME, COMMAND, STATE FROM information_schema.PROCESSLIST"
			+ " WHERE ID = IS_USED_LOCK(?)";

	private final Connection connection;

	private final String name;

	private boolean held;

	MysqlUserLock(Connection connection, String qualifiedTable) {
		this.connection = connection;
		this.name = nameFor(qualifiedTable);
	}

	/**
	 * The lock's name for a history table.
	 * @param qualifiedTable {@code schema.table}
	 * @return {@code migrator_} and 16 hex digits, well within the 64 characters MySQL
	 * allows
	 */
	static String nameFor(String qualifiedTable) {
		return "migrator_" + HexFormat.of().toHexDigits(PostgresAdvisoryLock.keyFor(qualifiedTable));
	}

	String name() {
		return this.name;
	}

	@Override
	public boolean tryAcquire() throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
			statement.setString(1, this.name);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				// 1 acquired, 0 held by another session, NULL an error (killed while
				// waiting).
				this.held = result.getInt(1) == 1;
				return this.held;
			}
		}
	}

	@Override
	public LockHolder holder() {
		try (PreparedStatement statement = this.connection.prepareStatement(HOLDER_SQL)) {
			statement.setString(1, this.name);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					return LockHolder.UNKNOWN;
				}
				// TIME is how long the session has been in its current state, not since
				// it connected.
				String state = result.getString(5) + (isBlank(result.getString(6)) ? "" : ": " + result.getString(6))
						+ " for " + result.getLong(4) + " s";
				return new LockHolder(result.getInt(1), "user " + result.getString(2), result.getString(3), null,
						state);
			}
		}
		catch (SQLException ex) {
			// Reading the process list is a nicety: waiting goes on without it.
			logger.debug("Cannot describe the migration lock holder", ex);
			return LockHolder.UNKNOWN;
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	@Override
	public void close() {
		if (!this.held) {
			return;
		}
		this.held = false;
		try {
			if (this.connection.isClosed()) {
				return; // the session ended, and the lock with it
			}
			try (PreparedStatement statement = this.connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
				statement.setString(1, this.name);
				statement.executeQuery().close();
			}
		}
		catch (SQLException ex) {
			// The lock lives as long as the session: end the session, so a pool cannot
			// keep it alive.
			logger.warn("Cannot release the migration lock; aborting the connection to release it", ex);
			try {
				this.connection.abort(Runnable::run);
			}
			catch (SQLException abortFailure) {
				ex.addSuppressed(abortFailure);
			}
		}
	}

}
