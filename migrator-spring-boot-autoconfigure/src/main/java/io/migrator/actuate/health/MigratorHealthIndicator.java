package io.migrator.actuate.health;

import io.migrator.autoconfigure.MigrationStatus;
import io.migrator.autoconfigure.MigrationStatus.Snapshot;
import io.migrator.autoconfigure.MigrationStatus.State;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.Assert;

/**
 * Health of the schema, component {@code migrator}, from the {@link MigrationStatus}: it
 * never touches the database, so a probe costs nothing and a busy database cannot make it
 * slow.
 * <ul>
 * <li>UP: the schema is at or ahead of the version this application needs (ahead is
 * normal while a newer release rolls out);</li>
 * <li>OUT_OF_SERVICE: not started yet, migrating, waiting for another migrator's lock, or
 * awaiting a migration run elsewhere;</li>
 * <li>DOWN: the migration failed, or the schema is behind.</li>
 * </ul>
 * Details: {@code state}, {@code schemaVersion}, {@code expectedVersion},
 * {@code pending}, and {@code lockHolder} while waiting for the lock, {@code script}
 * while one runs, {@code failure} (the reason) after a failure. Never a credential.
 *
 * @since 0.1.0
 */
public class MigratorHealthIndicator implements HealthIndicator {

	private final MigrationStatus status;

	public MigratorHealthIndicator(MigrationStatus status) {
		Assert.notNull(status, "'status' must not be null");
		this.status = status;
	}

	@Override
	public Health health() {
		Snapshot snapshot = this.status.snapshot();
		Health.Builder builder = switch (snapshot.state()) {
			case MIGRATED -> snapshot.isBehind() ? Health.down() : Health.up();
			case FAILED -> Health.down();
			default -> Health.outOfService();
		};
		builder.withDetail("state", snapshot.state().name());
		if (snapshot.state() != State.NOT_STARTED) {
			builder.withDetail("schemaVersion", snapshot.schemaVersion().toString());
		}
		if (snapshot.expectedVersion() != null) {
			builder.withDetail("expectedVersion", snapshot.expectedVersion().toString());
			builder.withDetail("pending", snapshot.pending());
		}
		if (snapshot.lockHolder() != null) {
			builder.withDetail("lockHolder", snapshot.lockHolder().toString());
		}
		if (snapshot.script() != null) {
			builder.withDetail("script", snapshot.script());
		}
		if (snapshot.failure() != null) {
			builder.withDetail("failure", snapshot.failure().name());
		}
		Boolean appUserCanChangeSchema = this.status.appUserCanChangeSchema();
		if (appUserCanChangeSchema != null) {
			builder.withDetail("appUserCanChangeSchema", appUserCanChangeSchema);
		}
		return builder.build();
	}

}
