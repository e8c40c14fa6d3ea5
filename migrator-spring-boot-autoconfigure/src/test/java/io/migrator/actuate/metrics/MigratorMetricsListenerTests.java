package io.migrator.actuate.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.migrator.autoconfigure.MigrationStatus;
import io.migrator.core.InfoResult;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationListener.ScriptRun;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link MigratorMetricsListener}.
 */
class MigratorMetricsListenerTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MigrationStatus status = new MigrationStatus(null);

	private final MigratorMetricsListener listener = new MigratorMetricsListener(this.registry, this.status);

	@Test
	void countsRunsByCommandAndOutcome() {
		this.listener.migrateSucceeded(result("3"));
		this.listener.migrateSucceeded(result("3"));
		this.listener.commandFailed("migrate", new MigrationException(MigrationException.Reason.SCRIPT_FAILED, "x"));
		this.listener.commandFailed("info", new MigrationException(MigrationException.Reason.CONNECTION, "x"));
		assertThat(
				this.registry.get("migrator.runs").tags("command", "migrate", "outcome", "success").counter().count())
			.isEqualTo(2);
		assertThat(
				this.registry.get("migrator.runs").tags("command", "migrate", "outcome", "failure").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("migrator.runs").tags("command", "info", "outcome", "failure").counter().count())
			.isEqualTo(1);
	}

	@Test
	void timesScriptsByVersionTypeAndOutcome() {
		ScriptRun versioned = new ScriptRun(Version.parse("2.1"), "add", MigrationType.VERSIONED, "V2_1__add.sql",
				true);
		ScriptRun repeatable = new ScriptRun(null, "views", MigrationType.REPEATABLE, "R__views.sql", true);
		this.listener.scriptSucceeded(versioned, Duration.ofMillis(120));
		this.listener.scriptFailed(repeatable, Duration.ofMillis(30),
				new MigrationException(MigrationException.Reason.SCRIPT_FAILED, "x"));
		assertThat(this.registry.get("migrator.script.duration")
			.tags("version", "2.1", "type", "VERSIONED", "outcome", "success")
			.timer()
			.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(120);
		assertThat(this.registry.get("migrator.script.duration")
			.tags("version", "R__views", "type", "REPEATABLE", "outcome", "failure")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void timesTheLockWait() {
		this.listener.lockAcquired(Duration.ofSeconds(2));
		assertThat(this.registry.get("migrator.lock.wait").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(2);
	}

	@Test
	void timesTheLockWaitOfARunThatFoundTheWorkDoneByAnotherInstance() {
		this.listener.lockNotNeeded(Duration.ofSeconds(3));
		assertThat(this.registry.get("migrator.lock.wait").timer().count()).isOne();
		assertThat(this.registry.get("migrator.lock.wait").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(3);
	}

	@Test
	void gaugesReadTheStatus() {
		assertThat(this.registry.get("migrator.pending").gauge().value()).isZero();
		assertThat(this.registry.get("migrator.schema.version").gauge().value()).isZero();
		this.status.planned(new InfoResult(List.of(), Version.parse("1.2"), Version.parse("3"), true), 0);
		assertThat(this.registry.get("migrator.schema.version").gauge().value()).isCloseTo(1.002, within(1e-9));
	}

	@Test
	void numericVersionsOrderLikeVersions() {
		assertThat(MigratorMetricsListener.numeric(Version.ZERO)).isZero();
		assertThat(MigratorMetricsListener.numeric(Version.parse("7"))).isEqualTo(7);
		assertThat(MigratorMetricsListener.numeric(Version.parse("1.10.3"))).isCloseTo(1.010003, within(1e-9));
		assertThat(MigratorMetricsListener.numeric(Version.parse("2024_05_01"))).isCloseTo(2024.005001, within(1e-9));
		assertThat(MigratorMetricsListener.numeric(Version.parse("1.10")))
			.isGreaterThan(MigratorMetricsListener.numeric(Version.parse("1.9")));
		assertThat(MigratorMetricsListener.numeric(Version.parse("20240501120000"))).isEqualTo(20240501120000d);
	}

	private static MigrateResult result(String version) {
		return new MigrateResult(List.of(), Version.parse(version), Version.parse(version), Duration.ZERO,
				Duration.ofMillis(3));
	}

}
