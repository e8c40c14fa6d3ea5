package io.migrator.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.migrator.core.lint.LintReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls every listener in order; a listener that throws is logged and skipped, so
 * reporting never breaks a migration.
 */
final class Listeners implements MigrationListener {

	private static final Logger logger = LoggerFactory.getLogger(Listeners.class);

	private final List<MigrationListener> listeners;

	Listeners(List<MigrationListener> listeners) {
		List<MigrationListener> all = new ArrayList<>();
		all.add(new LoggingListener());
		all.addAll(listeners);
		this.listeners = List.copyOf(all);
	}

	private Listeners(List<MigrationListener> listeners, MigrationListener extra) {
		List<MigrationListener> all = new ArrayList<>(listeners);
		all.add(extra);
		this.listeners = List.copyOf(all);
	}

	/**
	 * These listeners and one more, for one call.
	 * @param extra the listener to add
	 * @return the listeners
	 */
	Listeners with(MigrationListener extra) {
		return this.listeners.contains(extra) ? this : new Listeners(this.listeners, extra);
	}

	private void each(Consumer<MigrationListener> call) {
		for (MigrationListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Migration listener {} failed; ignoring it", listener.getClass().getName(), ex);
			}
		}
	}

	@Override
	public void commandStarted(String command) {
		each((listener) -> listener.commandStarted(command));
	}

	@Override
	public void lockWaiting(LockHolder holder, Duration waited) {
		each((listener) -> listener.lockWaiting(holder, waited));
	}

	@Override
	public void lockAcquired(Duration waited) {
		each((listener) -> listener.lockAcquired(waited));
	}

	@Override
	public void lockNotNeeded(Duration waited) {
		each((listener) -> listener.lockNotNeeded(waited));
	}

	@Override
	public void planned(InfoResult info, int toRun) {
		each((listener) -> listener.planned(info, toRun));
	}

	@Override
	public void linted(LintReport report) {
		each((listener) -> listener.linted(report));
	}

	@Override
	public void scriptStarted(ScriptRun script, int index, int total) {
		each((listener) -> listener.scriptStarted(script, index, total));
	}

	@Override
	public void scriptSucceeded(ScriptRun script, Duration duration) {
		each((listener) -> listener.scriptSucceeded(script, duration));
	}

	@Override
	public void scriptFailed(ScriptRun script, Duration duration, MigrationException failure) {
		each((listener) -> listener.scriptFailed(script, duration, failure));
	}

	@Override
	public void awaiting(InfoResult info) {
		each((listener) -> listener.awaiting(info));
	}

	@Override
	public void awaited(InfoResult info) {
		each((listener) -> listener.awaited(info));
	}

	@Override
	public void migrateSucceeded(MigrateResult result) {
		each((listener) -> listener.migrateSucceeded(result));
	}

	@Override
	public void undoSucceeded(MigrateResult result) {
		each((listener) -> listener.undoSucceeded(result));
	}

	@Override
	public void commandSucceeded(String command, Duration duration) {
		each((listener) -> listener.commandSucceeded(command, duration));
	}

	@Override
	public void commandFailed(String command, MigrationException failure) {
		each((listener) -> listener.commandFailed(command, failure));
	}

}
