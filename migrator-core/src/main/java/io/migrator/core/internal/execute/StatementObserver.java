package io.migrator.core.internal.execute;

import java.sql.Connection;
import java.sql.SQLException;

import io.migrator.core.internal.sql.ClassifiedStatement;

/**
 * Looks at the migration session between a script's statements, on its connection and
 * inside its transaction: what the rehearsal needs to see the locks a script holds. While
 * one is set, statements run one at a time, since a batch has no "between".
 */
public interface StatementObserver {

	/**
	 * Before the script's first statement (inside its transaction when it has one).
	 * @param connection the migration connection
	 * @param script the script about to run
	 * @throws SQLException if looking fails; the script then fails with it
	 */
	void scriptStarting(Connection connection, PreparedScript script) throws SQLException;

	/**
	 * After each statement that succeeded (inside the script's transaction when it has
	 * one, so the locks it took are still held).
	 * @param connection the migration connection
	 * @param script the script
	 * @param statement the statement that ran
	 * @throws SQLException if looking fails; the script then fails with it
	 */
	void statementRan(Connection connection, PreparedScript script, ClassifiedStatement statement) throws SQLException;

}
