package io.migrator.core.internal.dialect;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.internal.lock.DatabaseLock;
import io.migrator.core.internal.sql.StatementClassifier;
import org.jspecify.annotations.Nullable;

/**
 * What differs between databases: the lock, the history table's DDL, how timeouts are
 * set, how a transactional script's statements are sent, and how errors are recognised.
 * One {@link #of(Connection)} picks the implementation.
 */
public interface Dialect {

	/**
	 * The database's name for messages.
	 * @return the name
	 */
	String name();

	/**
	 * The vendor id that replaces {@code {vendor}} in script locations.
	 * @return {@code postgresql}, {@code mysql}, {@code mariadb} or {@code h2}
	 */
	default String vendor() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Pick the dialect for a connection's database.
	 * @param connection an open connection
	 * @return the dialect
	 * @throws MigrationException with reason {@code CONFIGURATION} for an unsupported
	 * database
	 * @throws SQLException if the metadata cannot be read
	 */
	static Dialect of(Connection connection) throws SQLException {
		String product = connection.getMetaData().getDatabaseProductName();
		return switch (product) {
			case "PostgreSQL" -> new PostgresDialect();
			case "H2" -> new H2Dialect();
			case "MariaDB" -> new MysqlDialect(MysqlDialect.Flavor.MARIADB);
			// MySQL's driver calls a MariaDB server MySQL too; its version says which.
			case "MySQL" -> new MysqlDialect(connection.getMetaData().getDatabaseProductVersion().contains("MariaDB")
					? MysqlDialect.Flavor.MARIADB : MysqlDialect.Flavor.MYSQL);
			default -> throw new MigrationException(Reason.CONFIGURATION, "migrator does not support " + product
					+ " yet: it supports PostgreSQL and MySQL or MariaDB (production) and H2 (embedded development)");
		};
	}

	/**
	 * How this database reads statements: what each needs to run (a transaction or not, a
	 * batch or not) and what it locks.
	 * @return the classifier
	 */
	StatementClassifier classifier();

	/**
	 * Whether the safety lint, whose rules are PostgreSQL's, reads this database's
	 * catalog before {@code migrate} runs scripts; elsewhere {@code migrate} does not
	 * lint and the {@code lint} command checks the scripts as if offline.
	 * @return whether the lint applies with the catalog
	 */
	default boolean lintsWithCatalog() {
		return false;
	}

	/**
	 * Whether the {@code lint} command checks this database's scripts at all, offline if
	 * not with the catalog: H2's are PostgreSQL-like; MySQL's are not.
	 * @return whether the lint applies
	 */
	default boolean lintsScripts() {
		return true;
	}

	/**
	 * The schema unqualified names resolve to on this connection.
	 * @param connection the migration connection
	 * @return the current schema
	 * @throws SQLException if the database fails
	 */
	String currentSchema(Connection connection) throws SQLException;

	/**
	 * Prepare the migration session: default timeouts for every script, and anything that
	 * helps the server notice a dead client. {@link Session#close()} restores what was
	 * changed.
	 * @param connection the migration connection, in auto-commit mode
	 * @param lockTimeout how long a statement may wait for a lock, zero for no limit
	 * @param statementTimeout how long a statement may run, zero for no limit
	 * @return the session settings, to restore when the run ends
	 * @throws SQLException if the database fails
	 */
	Session prepareSession(Connection connection, Duration lockTimeout, Duration statementTimeout) throws SQLException;

	/**
	 * The lock that serialises migrators of one history table, not yet taken.
	 * @param connection the migration connection
	 * @param dataSource where the migration connection came from
	 * @param schema the history table's schema
	 * @param table the history table's name
	 * @return the lock
	 * @throws SQLException if the database fails
	 */
	DatabaseLock lock(Connection connection, DataSource dataSource, String schema, String table) throws SQLException;

	/**
	 * Whether a table exists, asked without raising an error in the database when it does
	 * not, so it can be asked again and again (a server logs every error).
	 * @param connection a connection
	 * @param schema the table's schema, as stored (not quoted)
	 * @param table the table's name, as stored (not quoted)
	 * @return whether the table exists
	 * @throws SQLException if the database fails
	 */
	boolean tableExists(Connection connection, String schema, String table) throws SQLException;

	/**
	 * Whether a failed DDL statement in a transaction is rolled back with it. H2 commits
	 * DDL at once, PostgreSQL does not.
	 * @return whether DDL is transactional
	 */
	boolean transactionalDdl();

	/**
	 * Whether the database commits the open transaction before and after every DDL
	 * statement (MySQL, MariaDB): a script with DDL then runs as a non-transactional one,
	 * and its failure message says why.
	 * @return whether DDL commits implicitly
	 */
	default boolean commitsDdlImplicitly() {
		return false;
	}

	/**
	 * The history table's column type for {@code installed_on}.
	 * @return the type
	 */
	default String timestampType() {
		return "TIMESTAMP WITH TIME ZONE";
	}

	/**
	 * What follows the history table's column list in its {@code CREATE TABLE}.
	 * @return the options, with a leading space, or {@code ""}
	 */
	default String tableOptions() {
		return "";
	}

	/**
	 * An {@code installed_on} value as the driver binds it for {@link #timestampType()}.
	 * @param timestamp the time
	 * @return the parameter
	 */
	default Object timestampParameter(OffsetDateTime timestamp) {
		return timestamp;
	}

	/**
	 * What the read of the whole ledger selects besides the table's columns, for
	 * {@link #timestamp}.
	 * @return the extra select items, with a leading comma, or {@code ""}
	 */
	default String ledgerReadExtras() {
		return "";
	}

	/**
	 * An {@code installed_on} value read back.
	 * @param result the row, of a query that selected {@link #ledgerReadExtras()}
	 * @param column the column's index
	 * @return the time, {@code null} for SQL NULL
	 * @throws SQLException if the value cannot be read
	 */
	default @Nullable OffsetDateTime timestamp(ResultSet result, int column) throws SQLException {
		return result.getObject(column, OffsetDateTime.class);
	}

	/**
	 * How a transactional script's statements go to this database in JDBC batches, one
	 * round trip per batch; {@code null} when they go one {@code execute} at a time.
	 * Batching is only safe where the server stops at a batch's failing entry and DDL is
	 * transactional, so a failure leaves nothing of the script behind.
	 * @return how to batch, or {@code null} for one statement at a time
	 */
	@Nullable Batching batching();

	/**
	 * Whether the error says the table (or its schema) does not exist.
	 * @param ex the error
	 * @return whether it is an undefined table
	 */
	boolean isUndefinedTable(SQLException ex);

	/**
	 * Whether the error says a lock could not be had within the lock timeout; such a
	 * transactional script is safe to retry.
	 * @param ex the error
	 * @return whether it is a lock timeout
	 */
	boolean isLockTimeout(SQLException ex);

	/**
	 * Whether the error says a column does not exist.
	 * @param ex the error
	 * @return whether it is an undefined column
	 */
	boolean isUndefinedColumn(SQLException ex);

	/**
	 * Whether the error says the user lacks a privilege.
	 * @param ex the error
	 * @return whether a privilege is missing
	 */
	boolean isPermissionDenied(SQLException ex);

	/**
	 * The line within the failed statement that the error names, where the database
	 * counts lines rather than characters (MySQL's "... at line 3").
	 * @param ex the error
	 * @return the 1-based line in the statement, 0 when the error names none
	 */
	default int errorLineInStatement(SQLException ex) {
		return 0;
	}

	/**
	 * Whether the error means the connection itself is gone.
	 * @param ex the error
	 * @return whether the connection is broken
	 */
	default boolean isConnectionFailure(SQLException ex) {
		String state = ex.getSQLState();
		return state != null && state.startsWith("08");
	}

	/**
	 * Quote an identifier.
	 * @param identifier a plain identifier
	 * @return the quoted identifier
	 */
	default String quote(String identifier) {
		return "\"" + identifier + "\"";
	}

	/**
	 * What sending statements in batches needs from the database and its driver.
	 */
	interface Batching {

		/**
		 * Which entry of a failed batch failed.
		 * @param ex what the driver threw
		 * @param size how many entries the batch had
		 * @return the entry's index, or -1 when the driver does not say
		 */
		int failedEntry(BatchUpdateException ex, int size);

		/**
		 * A value as an SQL literal that the database reads as exactly the value the
		 * driver binds for it as a parameter, whatever the session's settings.
		 * @param value a {@code String}, {@code Long}, {@code OffsetDateTime}, or
		 * {@code null}
		 * @return the literal
		 */
		String literal(@Nullable Object value);

		/**
		 * An SQL expression for the whole milliseconds since the current transaction
		 * began, by the server's clock.
		 * @return the expression
		 */
		String transactionMillis();

	}

	/**
	 * Session settings changed for a run; closing restores them.
	 */
	interface Session extends AutoCloseable {

		/**
		 * Use other timeouts for one script, until {@link #restoreTimeouts} is called.
		 * @param lockTimeout the script's lock timeout, {@code null} to keep the run's
		 * @param statementTimeout the script's statement timeout, {@code null} to keep
		 * the run's
		 * @throws SQLException if the database fails
		 */
		void overrideTimeouts(@Nullable Duration lockTimeout, @Nullable Duration statementTimeout) throws SQLException;

		/**
		 * Go back to the run's timeouts.
		 * @throws SQLException if the database fails
		 */
		void restoreTimeouts() throws SQLException;

		@Override
		void close() throws SQLException;

	}

}
