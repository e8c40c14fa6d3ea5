package io.migrator.core.internal.rehearse;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

import javax.sql.DataSource;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;

/**
 * A database of the rehearsal's own on the server, created empty and dropped at the end
 * with whatever sessions are still on it. Its name says what it is and when it was made,
 * so one left by a killed rehearsal is easy to find and drop.
 */
public final class ScratchDatabase implements AutoCloseable {

	/** Every scratch database's name starts with this. */
	public static final String PREFIX = "migrator_rehearsal_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final DataSource server;

	private final String name;

	private ScratchDatabase(DataSource server, String name) {
		this.server = server;
		this.name = name;
	}

	/**
	 * Create a new, empty database on the server.
	 * @param server connections to the server, as a role that may create databases
	 * @return the database
	 * @throws MigrationException if it cannot be created, saying what the role needs
	 */
	public static ScratchDatabase create(DataSource server) {
		byte[] random = new byte[4];
		RANDOM.nextBytes(random);
		String name = PREFIX + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
				+ HexFormat.of().formatHex(random);
		try (Connection connection = server.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new MigrationException(Reason.CONFIGURATION,
					"The rehearsal could not create its scratch database " + name + " (" + ex.getMessage()
							+ "). It needs a role that may create databases"
							+ " (CREATE ROLE ... CREATEDB, or a superuser): set migrator.rehearsal.url, .username and"
							+ " .password to one, on a server that is not production's if you prefer",
					null, 0, ex.getSQLState(), ex);
		}
		return new ScratchDatabase(server, name);
	}

	/**
	 * The database's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Drop the database, ending any session still on it.
	 */
	@Override
	public void close() {
		try (Connection connection = this.server.getConnection(); Statement statement = connection.createStatement()) {
			if (connection.getMetaData().getDatabaseMajorVersion() >= 13) {
				statement.execute("DROP DATABASE IF EXISTS " + this.name + " WITH (FORCE)");
			}
			else {
				statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + this.name
						+ "' AND pid <> pg_backend_pid()");
				statement.execute("DROP DATABASE IF EXISTS " + this.name);
			}
		}
		catch (SQLException ex) {
			throw new MigrationException(
					Reason.DATABASE, "The rehearsal could not drop its scratch database " + this.name + ": "
							+ ex.getMessage() + ". Drop it by hand: DROP DATABASE " + this.name,
					null, 0, ex.getSQLState(), ex);
		}
	}

}
