package io.migrator.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code info} found: every migration in order, the schema's version and the version
 * the scripts lead to.
 *
 * @param migrations versioned migrations in version order, then repeatable ones
 * @param schemaVersion the highest version in the schema, {@link Version#ZERO} when none
 * @param expectedVersion the highest versioned script shipped, {@link Version#ZERO} when
 * none
 * @param historyExists whether the history table exists yet
 * @since 0.1.0
 */
public record InfoResult(List<MigrationInfo> migrations, Version schemaVersion, Version expectedVersion,
		boolean historyExists) {

	public InfoResult {
		migrations = List.copyOf(migrations);
	}

	/**
	 * The migrations in the given states.
	 * @param states the states to keep
	 * @return the matching migrations, in order
	 */
	public List<MigrationInfo> inState(MigrationState... states) {
		List<MigrationState> wanted = List.of(states);
		return this.migrations.stream().filter((info) -> wanted.contains(info.state())).toList();
	}

	/**
	 * The number of migrations that {@code migrate} would apply now.
	 * @return the pending count, repeatable ones included
	 */
	public int pendingCount() {
		return inState(MigrationState.PENDING, MigrationState.OUT_OF_ORDER).size();
	}

	/**
	 * Whether the schema is at or ahead of the version the scripts lead to.
	 * @return whether the schema is current
	 */
	public boolean isCurrent() {
		return this.schemaVersion.isAtLeast(this.expectedVersion);
	}

	/**
	 * The migration with the given version, if any.
	 * @param version the version
	 * @return the migration or {@code null}
	 */
	public @Nullable MigrationInfo find(Version version) {
		return this.migrations.stream().filter((info) -> version.equals(info.version())).findFirst().orElse(null);
	}

}
