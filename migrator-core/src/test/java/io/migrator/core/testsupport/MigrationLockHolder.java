package io.migrator.core.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Takes migrator's PostgreSQL advisory lock from a test's own session, as a stuck or
 * crashed peer would hold it. The key is computed by the server from the documented
 * contract (docs/design.md, "The lock key": the first 64 bits of SHA-256 of
 * {@code "migrator:" + schema + "." + table}), not by the engine's code, so every test
 * that holds the lock also checks the contract.
 */
public final class MigrationLockHolder {

	private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(('x' || left(encode(sha256(convert_to("
			+ "'migrator:' || ?, 'UTF8')), 'hex'), 16))::bit(64)::bigint), pg_backend_pid()";

	private MigrationLockHolder() {
	}

	/**
	 * Take the lock of the default history table, {@code public.migrator_schema_history}.
	 * @param connection the session that holds it until it closes or unlocks
	 * @return the holding backend's pid
	 * @throws SQLException if the database fails
	 */
	public static int hold(Connection connection) throws SQLException {
		return hold(connection, "public.migrator_schema_history");
	}

	/**
	 * Take the lock of a history table.
	 * @param connection the session that holds it until it closes or unlocks
	 * @param qualifiedTable {@code schema.table}
	 * @return the holding backend's pid
	 * @throws SQLException if the database fails
	 */
	public static int hold(Connection connection, String qualifiedTable) throws SQLException {
		try (PreparedStatement lock = connection.prepareStatement(TRY_LOCK)) {
			lock.setString(1, qualifiedTable);
			try (ResultSet result = lock.executeQuery()) {
				result.next();
				assertThat(result.getBoolean(1)).as("the test took the migration lock of %s", qualifiedTable).isTrue();
				return result.getInt(2);
			}
		}
	}

}
