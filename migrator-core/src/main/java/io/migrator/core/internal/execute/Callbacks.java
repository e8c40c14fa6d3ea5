package io.migrator.core.internal.execute;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationListener.ScriptRun;
import io.migrator.core.MigrationType;
import io.migrator.core.callback.Callback;
import io.migrator.core.callback.CallbackContext;
import io.migrator.core.callback.Event;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import io.migrator.core.internal.sql.ClassifiedStatement;
import org.jspecify.annotations.Nullable;

/**
 * The callbacks of one command, run on the migration connection:
 * <ol>
 * <li>the SQL callbacks of its events are read and checked when it starts, before any
 * script runs, as scripts are;</li>
 * <li>at an event, first its SQL callbacks in file name order, each in one transaction
 * (statement by statement when it holds a statement that cannot run in one), then the
 * {@link Callback}s that support it, in the order they were registered, in
 * auto-commit;</li>
 * <li>a failing callback stops the command with reason {@code SCRIPT_FAILED}; the error
 * events' own failures are added to the failure that fired them.</li>
 * </ol>
 */
public final class Callbacks {

	private final Connection connection;

	private final ScriptPreparer preparer;

	private final List<Callback> beans;

	private final Map<Event, List<PreparedScript>> scripts = new EnumMap<>(Event.class);

	/**
	 * @param connection the migration connection, in auto-commit mode
	 * @param preparer reads the SQL callbacks
	 * @param catalog where the SQL callbacks are
	 * @param beans the registered callbacks
	 * @param events the events the command fires
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} when an SQL callback
	 * cannot be read or split
	 */
	public Callbacks(Connection connection, ScriptPreparer preparer, ScriptCatalog catalog, List<Callback> beans,
			List<Event> events) {
		this.connection = connection;
		this.preparer = preparer;
		this.beans = beans;
		for (Event event : events) {
			List<PreparedScript> prepared = new ArrayList<>();
			for (Script script : catalog.callbacks(event)) {
				prepared.add(preparer.prepare(script, MigrationType.REPEATABLE));
			}
			this.scripts.put(event, prepared);
		}
	}

	/**
	 * Whether any callback handles one of these events.
	 * @param catalog where the SQL callbacks are
	 * @param beans the registered callbacks
	 * @param events the events
	 * @return whether one would run
	 */
	public static boolean any(ScriptCatalog catalog, List<Callback> beans, Event... events) {
		for (Event event : events) {
			if (!catalog.callbacks(event).isEmpty() || beans.stream().anyMatch((bean) -> bean.supports(event))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Run the callbacks of an event.
	 * @param event the event
	 * @param script the script it is about, if any
	 * @throws MigrationException with reason {@code SCRIPT_FAILED} when one fails
	 */
	public void fire(Event event, @Nullable ScriptRun script) {
		for (PreparedScript callback : this.scripts.getOrDefault(event, List.of())) {
			runScript(event, callback);
		}
		for (Callback bean : this.beans) {
			if (bean.supports(event)) {
				runBean(event, bean, script);
			}
		}
	}

	/**
	 * Run the callbacks of an error event; their failures are added to the one that fired
	 * it, which goes on.
	 * @param event the error event
	 * @param script the script that failed, if a script failed
	 * @param failure what failed
	 */
	public void fireOnError(Event event, @Nullable ScriptRun script, MigrationException failure) {
		try {
			fire(event, script);
		}
		catch (MigrationException ex) {
			failure.addSuppressed(ex);
		}
	}

	private void runScript(Event event, PreparedScript callback) {
		String location = callback.script().resource().location();
		ClassifiedStatement current = null;
		try (Statement statement = StatementSender.newStatement(this.connection);
				ScriptPreparer.Statements statements = this.preparer.statements(callback)) {
			this.connection.setAutoCommit(!callback.transactional());
			while (statements.hasNext()) {
				current = statements.next();
				statement.execute(current.sql());
			}
			if (callback.transactional()) {
				this.connection.commit();
			}
		}
		catch (SQLException ex) {
			int line = (current != null) ? current.line() : 0;
			throw new MigrationException(Reason.SCRIPT_FAILED,
					"The " + event.callbackName() + " callback " + location
							+ ((line > 0) ? " failed at line " + line : " failed") + " (SQLSTATE " + ex.getSQLState()
							+ "): " + String.valueOf(ex.getMessage()).strip()
							+ (callback.transactional() ? ". Nothing of it was applied" : "")
							+ ". Fix the callback script, then start again",
					location, line, ex.getSQLState(), ex);
		}
		finally {
			// Turning auto-commit on commits an open transaction: never half a callback.
			discardOpenTransaction();
		}
	}

	private void runBean(Event event, Callback bean, @Nullable ScriptRun script) {
		String name = bean.getClass().getName();
		try {
			bean.handle(event, new CallbackContext(this.connection, script));
			if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
				throw new SQLException("it left a transaction open (auto-commit off), which was rolled back:"
						+ " commit its work and turn auto-commit back on before it returns", "25001");
			}
		}
		catch (SQLException ex) {
			throw new MigrationException(Reason.SCRIPT_FAILED, "The callback " + name + " failed at "
					+ event.callbackName() + " (SQLSTATE " + ex.getSQLState() + "): " + ex.getMessage(), null, 0,
					ex.getSQLState(), ex);
		}
		catch (MigrationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			throw new MigrationException(Reason.SCRIPT_FAILED,
					"The callback " + name + " failed at " + event.callbackName() + ": " + ex, ex);
		}
		finally {
			discardOpenTransaction();
		}
	}

	/**
	 * Back to auto-commit, rolling back what a callback that failed (or forgot to commit)
	 * left open.
	 */
	private void discardOpenTransaction() {
		try {
			if (!this.connection.getAutoCommit()) {
				this.connection.rollback();
				this.connection.setAutoCommit(true);
			}
		}
		catch (SQLException ex) {
			// The connection is gone; the failure being reported says so.
		}
	}

	/**
	 * The events of the command that executes scripts: {@code migrate}'s or
	 * {@code undo}'s.
	 *
	 * @param before before the first script
	 * @param beforeEach before each script
	 * @param afterEach after each script
	 * @param after after the last script
	 * @param error after a failure
	 */
	public record Events(Event before, Event beforeEach, Event afterEach, Event after, Event error) {

		/**
		 * The events of a command.
		 * @param undo whether it is {@code undo}, rather than {@code migrate}
		 * @return the events
		 */
		public static Events of(boolean undo) {
			return undo
					? new Events(Event.BEFORE_UNDO, Event.BEFORE_EACH_UNDO, Event.AFTER_EACH_UNDO, Event.AFTER_UNDO,
							Event.AFTER_UNDO_ERROR)
					: new Events(Event.BEFORE_MIGRATE, Event.BEFORE_EACH_MIGRATE, Event.AFTER_EACH_MIGRATE,
							Event.AFTER_MIGRATE, Event.AFTER_MIGRATE_ERROR);
		}

		/**
		 * Every event, to read their SQL callbacks up front.
		 * @return the events
		 */
		public List<Event> all() {
			return List.of(this.before, this.beforeEach, this.afterEach, this.after, this.error);
		}

	}

}
