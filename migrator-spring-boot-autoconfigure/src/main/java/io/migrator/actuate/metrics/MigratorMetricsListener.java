package io.migrator.actuate.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.migrator.autoconfigure.MigrationStatus;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationListener;
import io.migrator.core.Version;

import org.springframework.util.Assert;

/**
 * Records migrations as Micrometer meters:
 * <ul>
 * <li>{@code migrator.runs} (counter; tags {@code command}, {@code outcome} = success or
 * failure): successful {@code migrate} runs and failed commands;</li>
 * <li>{@code migrator.script.duration} (timer; tags {@code version}, {@code type},
 * {@code outcome}): each script;</li>
 * <li>{@code migrator.lock.wait} (timer): how long each run waited for the lock, also
 * when it stopped waiting because another instance had applied everything;</li>
 * <li>{@code migrator.pending} (gauge): migrations pending when last seen;</li>
 * <li>{@code migrator.schema.version} (gauge): the schema's version as a number, see
 * {@link #numeric(Version)}.</li>
 * </ul>
 * The gauges read the {@link MigrationStatus}, never the database.
 *
 * @since 0.1.0
 */
public class MigratorMetricsListener implements MigrationListener {

	private final MeterRegistry registry;

	public MigratorMetricsListener(MeterRegistry registry, MigrationStatus status) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(status, "'status' must not be null");
		this.registry = registry;
		Gauge.builder("migrator.pending", status, (s) -> s.snapshot().pending())
			.description("Migrations pending when last seen")
			.register(registry);
		Gauge.builder("migrator.schema.version", status, (s) -> numeric(s.snapshot().schemaVersion()))
			.description("The schema's version: first part, then three decimal places per further part")
			.register(registry);
	}

	/**
	 * The version as a number that orders like versions do: the first part is the integer
	 * part, each further part takes three decimal places, so {@code 7} is 7.0,
	 * {@code 1.2} is 1.002 and {@code 1.10.3} is 1.010003. A part above 999 counts as
	 * 999, and a double keeps about 15 significant digits, so use the {@code migrator}
	 * endpoint for the exact version.
	 * @param version the version
	 * @return the number, 0 for {@link Version#ZERO}
	 */
	public static double numeric(Version version) {
		if (Version.ZERO.equals(version)) {
			return 0;
		}
		String[] parts = version.toString().split("\\.");
		double value = Double.parseDouble(parts[0]);
		double scale = 1;
		for (int i = 1; i < parts.length; i++) {
			scale /= 1000;
			value += Math.min(999, Double.parseDouble(parts[i])) * scale;
		}
		return value;
	}

	@Override
	public void lockAcquired(Duration waited) {
		lockWait().record(waited);
	}

	@Override
	public void lockNotNeeded(Duration waited) {
		lockWait().record(waited);
	}

	private Timer lockWait() {
		return Timer.builder("migrator.lock.wait")
			.description("Time a migration run waited for the migration lock")
			.register(this.registry);
	}

	@Override
	public void scriptSucceeded(ScriptRun script, Duration duration) {
		scriptTimer(script, "success").record(duration);
	}

	@Override
	public void scriptFailed(ScriptRun script, Duration duration, MigrationException failure) {
		scriptTimer(script, "failure").record(duration);
	}

	@Override
	public void migrateSucceeded(MigrateResult result) {
		runs("migrate", "success").increment();
	}

	@Override
	public void commandFailed(String command, MigrationException failure) {
		runs(command, "failure").increment();
	}

	private Timer scriptTimer(ScriptRun script, String outcome) {
		Version version = script.version();
		return Timer.builder("migrator.script.duration")
			.description("Time a migration script took")
			.tag("version", (version != null) ? version.toString() : "R__" + script.description())
			.tag("type", script.type().name())
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private Counter runs(String command, String outcome) {
		return Counter.builder("migrator.runs")
			.description("Migration commands run")
			.tag("command", command)
			.tag("outcome", outcome)
			.register(this.registry);
	}

}
