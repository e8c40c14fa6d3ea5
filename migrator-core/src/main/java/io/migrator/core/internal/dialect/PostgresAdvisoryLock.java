package io.migrator.core.internal.dialect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import io.migrator.core.LockHolder;
import io.migrator.core.internal.lock.DatabaseLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL session-level advisory lock on the migration connection itself:
 * <ol>
 * <li>the key is derived from a constant and the history table's schema and name, so two
 * applications with separate history tables in one database do not wait for each
 * other;</li>
 * <li>it is taken with {@code pg_try_advisory_lock}, polled by {@link LockPoller}: never
 * the blocking {@code pg_advisory_lock} and never a transaction-level lock, both of which
 * have hung {@code CREATE INDEX CONCURRENTLY} (it waits for every older transaction,
 * including one that holds or waits for the lock);</li>
 * <li>being session-level, it survives each script's COMMIT and lives exactly as long as
 * the session: if the process dies, the lock goes with its backend, never earlier, so a
 * half-dead run and a new run cannot overlap, and nothing stale is left behind;</li>
 * <li>while waiting, the holder is described from {@code pg_locks} and
 * {@code pg_stat_activity};</li>
 * <li>closing unlocks with {@code pg_advisory_unlock}.</li>
 * </ol>
 */
final class PostgresAdvisoryLock implements DatabaseLock {

	private static final Logger logger = LoggerFactory.getLogger(PostgresAdvisoryLock.class);

	private static final String HOLDER_SQL = """
			SELECT a.pid, a.application_name, host(a.client_addr), a.backend_start, a.state
			FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
			WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
			AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid AND l.objsubid = 1
			""";

	private final Connection connection;

	private final long key;

	private boolean held;

	public PostgresAdvisoryLock(Connection connection, String qualifiedTable) {
		this.connection = connection;
		this.key = keyFor(qualifiedTable);
	}

	/**
	 * The advisory lock key for a history table.
	 * @param qualifiedTable {@code schema.table}
	 * @return the first 64 bits of SHA-256("migrator:" + qualifiedTable)
	 */
	public static long keyFor(String qualifiedTable) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(("migrator:" + qualifiedTable).getBytes(StandardCharsets.UTF_8));
			long key = 0;
			for (int i = 0; i < Long.BYTES; i++) {
				key = (key << 8) | (hash[i] & 0xFF);
			}
			return key;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	public long key() {
		return this.key;
	}

	@Override
	public boolean tryAcquire() throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			statement.setLong(1, this.key);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				this.held = result.getBoolean(1);
				return this.held;
			}
		}
	}

	@Override
	public LockHolder holder() {
		try (PreparedStatement statement = this.connection.prepareStatement(HOLDER_SQL)) {
			statement.setLong(1, this.key >>> 32);
			statement.setLong(2, this.key & 0xFFFF_FFFFL);
			try (ResultSet result = statement.executeQuery()) {
				if (!result.next()) {
					return LockHolder.UNKNOWN;
				}
				return new LockHolder(result.getInt(1), result.getString(2), result.getString(3),
						result.getObject(4, OffsetDateTime.class), result.getString(5));
			}
		}
		catch (SQLException ex) {
			// Seeing pg_stat_activity is a nicety: a restricted role may not, and waiting
			// goes on.
			logger.debug("Cannot describe the migration lock holder", ex);
			return LockHolder.UNKNOWN;
		}
	}

	@Override
	public void close() {
		if (!this.held) {
			return;
		}
		this.held = false;
		if (isClosed()) {
			// The session ended (the server terminated it, or the network dropped it),
			// and the lock with it.
			logger.debug("The migration connection is closed: its session, and the advisory lock, ended with it");
			return;
		}
		try (PreparedStatement statement = this.connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			statement.setLong(1, this.key);
			statement.execute();
		}
		catch (SQLException ex) {
			// The lock lives as long as the session: end the session, so a pool cannot
			// keep it alive.
			logger.warn("Cannot release the migration advisory lock; aborting the connection to release it", ex);
			try {
				this.connection.abort(Runnable::run);
			}
			catch (SQLException abortFailure) {
				ex.addSuppressed(abortFailure);
			}
		}
	}

	private boolean isClosed() {
		try {
			return this.connection.isClosed();
		}
		catch (SQLException ex) {
			return false;
		}
	}

}
