package io.migrator.core.internal.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.migrator.core.LockHolder;
import io.migrator.core.internal.lock.DatabaseLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * H2 has no advisory locks, so the lock is a row lock held by a connection of its own:
 * <ol>
 * <li>ensure a one-row lock table exists next to the history table;</li>
 * <li>on a second connection with a short H2 lock timeout, {@code SELECT ... FOR UPDATE}
 * that row in an open transaction; a lock timeout means another migrator holds it, and
 * {@link LockPoller} tries again;</li>
 * <li>closing rolls the transaction back and returns the connection.</li>
 * </ol>
 * The migration connection commits after every script, so it cannot hold the lock itself.
 * The row lock serialises migrators in one JVM and across connections to one H2 server,
 * and dies with its connection.
 */
final class H2TableLock implements DatabaseLock {

	private static final Logger logger = LoggerFactory.getLogger(H2TableLock.class);

	private static final int LOCK_TIMEOUT_ERROR = 50200;

	private static final int DUPLICATE_KEY_ERROR = 23505;

	private final Connection connection;

	private final String schema;

	private final String lockTable;

	private boolean held;

	private boolean prepared;

	private @Nullable String previousLockTimeout;

	/**
	 * @param dataSource where to take the lock's own connection from
	 * @param schema the quoted schema of the lock table, created when missing
	 * @param lockTable the quoted, qualified name of the lock table
	 * @throws SQLException if no connection can be had
	 */
	public H2TableLock(DataSource dataSource, String schema, String lockTable) throws SQLException {
		this.connection = dataSource.getConnection();
		this.schema = schema;
		this.lockTable = lockTable;
	}

	@Override
	public boolean tryAcquire() throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			if (!this.prepared) {
				this.connection.setAutoCommit(true);
				if (this.previousLockTimeout == null) {
					try (ResultSet result = statement.executeQuery(
							"SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'LOCK_TIMEOUT'")) {
						this.previousLockTimeout = result.next() ? result.getString(1) : "";
					}
				}
				// Short, so a busy lock makes tryAcquire return instead of blocking in
				// H2.
				statement.execute("SET LOCK_TIMEOUT 50");
				statement.execute("CREATE SCHEMA IF NOT EXISTS " + this.schema);
				statement.execute("CREATE TABLE IF NOT EXISTS " + this.lockTable + " (id INT PRIMARY KEY)");
				// Reads without locking when the row is there (a holder has it locked).
				statement.execute("INSERT INTO " + this.lockTable + " SELECT 1 FROM (VALUES (0))"
						+ " WHERE NOT EXISTS (SELECT 1 FROM " + this.lockTable + " WHERE id = 1)");
				this.connection.setAutoCommit(false);
				this.prepared = true;
			}
			statement.executeQuery("SELECT id FROM " + this.lockTable + " WHERE id = 1 FOR UPDATE").close();
			this.held = true;
			return true;
		}
		catch (SQLException ex) {
			if (ex.getErrorCode() == LOCK_TIMEOUT_ERROR || ex.getErrorCode() == DUPLICATE_KEY_ERROR) {
				// Another migrator holds the row, or created it at the same moment: try
				// again later.
				if (!this.connection.getAutoCommit()) {
					this.connection.rollback();
				}
				return false;
			}
			throw ex;
		}
	}

	@Override
	public LockHolder holder() {
		return LockHolder.UNKNOWN;
	}

	@Override
	public void close() {
		try {
			if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
				this.connection.setAutoCommit(true);
			}
			this.held = false;
			if (this.previousLockTimeout != null && this.previousLockTimeout.matches("\\d+")) {
				try (Statement statement = this.connection.createStatement()) {
					statement.execute("SET LOCK_TIMEOUT " + this.previousLockTimeout);
				}
			}
		}
		catch (SQLException ex) {
			logger.warn("Cannot release the H2 migration lock; closing its connection", ex);
		}
		finally {
			try {
				this.connection.close();
			}
			catch (SQLException ex) {
				logger.debug("Cannot close the H2 migration lock connection", ex);
			}
		}
	}

}
