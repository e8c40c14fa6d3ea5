package io.migrator.core;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code migrate} did.
 *
 * @param applied the migrations applied by this run, in order (empty when the schema was
 * current)
 * @param initialVersion the schema version before the run
 * @param finalVersion the schema version after the run
 * @param lockWait how long the run waited for another migrator
 * @param duration the whole run, lock wait included
 * @since 0.1.0
 */
public record MigrateResult(List<AppliedMigration> applied, Version initialVersion, Version finalVersion,
		Duration lockWait, Duration duration) {

	public MigrateResult {
		applied = List.copyOf(applied);
	}

	/**
	 * One migration this run applied.
	 *
	 * @param version the version, or {@code null} for a repeatable script
	 * @param description the description
	 * @param type the kind of script
	 * @param script the script's file name
	 * @param duration how long it took
	 * @param transactional whether it ran in one transaction with its history row
	 */
	public record AppliedMigration(@Nullable Version version, String description, MigrationType type, String script,
			Duration duration, boolean transactional) {

	}

}
