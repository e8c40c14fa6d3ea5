package io.migrator.actuate.health;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.migrator.autoconfigure.MigrationStatus;
import io.migrator.core.InfoResult;
import io.migrator.core.LockHolder;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationListener.ScriptRun;
import io.migrator.core.MigrationState;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigratorHealthIndicator}.
 */
class MigratorHealthIndicatorTests {

	private final MigrationStatus status = new MigrationStatus(null);

	private final MigratorHealthIndicator indicator = new MigratorHealthIndicator(this.status);

	@Test
	void outOfServiceBeforeTheMigrationStarts() {
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsOnly(org.assertj.core.api.Assertions.entry("state", "NOT_STARTED"));
	}

	@Test
	void outOfServiceWhileMigratingWithTheRunningScript() {
		this.status.commandStarted("migrate");
		this.status.planned(info("1", "3", 2), 2);
		this.status.scriptStarted(
				new ScriptRun(Version.parse("2"), "add", MigrationType.VERSIONED, "V2__add.sql", true), 1, 2);
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("state", "MIGRATING")
			.containsEntry("schemaVersion", "1")
			.containsEntry("expectedVersion", "3")
			.containsEntry("pending", 2)
			.containsEntry("script", "V2__add.sql");
	}

	@Test
	void outOfServiceWhileWaitingForTheLockWithItsHolder() {
		this.status.commandStarted("migrate");
		this.status.lockWaiting(new LockHolder(4242, "orders-7f9c", "10.0.0.7", null, "active"), Duration.ofSeconds(3));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("state", "WAITING_FOR_LOCK");
		assertThat((String) health.getDetails().get("lockHolder")).contains("pid 4242", "orders-7f9c");
		this.status.lockAcquired(Duration.ofSeconds(4));
		assertThat(this.indicator.health().getDetails()).doesNotContainKey("lockHolder")
			.containsEntry("state", "MIGRATING");
	}

	@Test
	void upOnceMigrated() {
		this.status.commandStarted("migrate");
		this.status.planned(info("1", "2", 1), 1);
		this.status.scriptSucceeded(
				new ScriptRun(Version.parse("2"), "add", MigrationType.VERSIONED, "V2__add.sql", true),
				Duration.ofMillis(5));
		this.status.migrateSucceeded(new MigrateResult(List.of(), Version.parse("1"), Version.parse("2"), Duration.ZERO,
				Duration.ofMillis(9)));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", "MIGRATED")
			.containsEntry("schemaVersion", "2")
			.containsEntry("expectedVersion", "2")
			.containsEntry("pending", 0)
			.doesNotContainKey("script");
	}

	@Test
	void upWhenTheSchemaIsAheadDuringARollingUpdate() {
		this.status.awaited(info("5", "4", 0));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void outOfServiceWhileAwaiting() {
		this.status.awaiting(info("1", "4", 3));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		assertThat(health.getDetails()).containsEntry("state", "AWAITING").containsEntry("pending", 3);
	}

	@Test
	void downWhenBehind() {
		this.status.migrateSucceeded(
				new MigrateResult(List.of(), Version.parse("1"), Version.parse("1"), Duration.ZERO, Duration.ZERO));
		this.status.planned(info("1", "3", 2), 0);
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.DOWN);
	}

	@Test
	void downOnFailureWithTheReason() {
		this.status.commandStarted("migrate");
		this.status.commandFailed("migrate",
				new MigrationException(MigrationException.Reason.SCRIPT_FAILED, "Migration V2__x.sql failed"));
		Health health = this.indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("state", "FAILED").containsEntry("failure", "SCRIPT_FAILED");
	}

	@Test
	void failingInfoDoesNotChangeTheState() {
		this.status.migrateSucceeded(
				new MigrateResult(List.of(), Version.parse("1"), Version.parse("1"), Duration.ZERO, Duration.ZERO));
		this.status.commandStarted("info");
		this.status.commandFailed("info", new MigrationException(MigrationException.Reason.CONNECTION, "down"));
		assertThat(this.indicator.health().getStatus()).isEqualTo(Status.UP);
	}

	static InfoResult info(String schema, String expected, int pending) {
		List<MigrationInfo> migrations = IntStream.range(0, pending)
			.mapToObj((i) -> new MigrationInfo(Version.parse("100." + i), "pending " + i, MigrationType.VERSIONED,
					MigrationState.PENDING, "V100_" + i + "__pending.sql", null, null, null, null))
			.toList();
		return new InfoResult(migrations, Version.parse(schema), Version.parse(expected), true);
	}

}
