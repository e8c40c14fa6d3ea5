package io.migrator.actuate.metrics;

import java.time.Duration;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationListener;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Reports each {@code migrate} run as an {@link Observation} {@code migrator.run}, and
 * each script in it as a child observation {@code migrator.script}, so a trace shows the
 * migration and its scripts (and the JDBC calls made inside them, where those are
 * observed too).
 * <p>
 * Only {@code migrate} is observed: the engine reports how {@code info} and
 * {@code validate} start and fail, but not when they succeed, so their observations could
 * not be stopped. Listener calls arrive on the migrating thread, which is why the open
 * observations are kept per thread.
 *
 * @since 0.1.0
 */
public class MigratorObservationListener implements MigrationListener {

	private static final String MIGRATE = "migrate";

	private final ObservationRegistry registry;

	private final ThreadLocal<Observed> run = new ThreadLocal<>();

	private final ThreadLocal<Observed> script = new ThreadLocal<>();

	public MigratorObservationListener(ObservationRegistry registry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
	}

	@Override
	public void commandStarted(String command) {
		if (MIGRATE.equals(command)) {
			Observation observation = Observation.createNotStarted("migrator.run", this.registry)
				.contextualName("migrator " + command)
				.lowCardinalityKeyValue("command", command);
			this.run.set(Observed.start(observation));
		}
	}

	@Override
	public void scriptStarted(ScriptRun script, int index, int total) {
		Observed parent = this.run.get();
		Observation observation = Observation.createNotStarted("migrator.script", this.registry)
			.contextualName("migrator script " + script.script())
			.lowCardinalityKeyValue("type", script.type().name())
			.highCardinalityKeyValue("script", script.script())
			.highCardinalityKeyValue("version", (script.version() != null) ? script.version().toString() : "");
		if (parent != null) {
			observation.parentObservation(parent.observation());
		}
		this.script.set(Observed.start(observation));
	}

	@Override
	public void scriptSucceeded(ScriptRun script, Duration duration) {
		stop(this.script, null);
	}

	@Override
	public void scriptFailed(ScriptRun script, Duration duration, MigrationException failure) {
		stop(this.script, failure);
	}

	@Override
	public void migrateSucceeded(MigrateResult result) {
		stop(this.run, null);
	}

	@Override
	public void commandFailed(String command, MigrationException failure) {
		// A failure outside a script's own error handling leaves the script open.
		stop(this.script, failure);
		stop(this.run, failure);
	}

	private static void stop(ThreadLocal<Observed> holder, @Nullable MigrationException failure) {
		Observed observed = holder.get();
		if (observed == null) {
			return;
		}
		holder.remove();
		Observation observation = observed.observation();
		observation.lowCardinalityKeyValue("outcome", (failure != null) ? "failure" : "success");
		if (failure != null) {
			observation.error(failure);
		}
		observed.scope().close();
		observation.stop();
	}

	private record Observed(Observation observation, Observation.Scope scope) {

		static Observed start(Observation observation) {
			observation.start();
			return new Observed(observation, observation.openScope());
		}

	}

}
