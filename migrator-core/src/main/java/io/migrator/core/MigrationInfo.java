package io.migrator.core;

import java.time.Duration;
import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One migration as {@code info} shows it: what the script says and what the history says.
 *
 * @param version the version, or {@code null} for a repeatable script
 * @param description the description from the file name
 * @param type the kind of migration
 * @param state where it stands
 * @param script the script's file name, or the recorded one when the script is missing
 * @param checksum the recorded checksum, or the script's when not applied
 * @param installedOn when it was last applied, undone or repaired, if ever
 * @param installedBy the database user that did it, if ever
 * @param executionTime how long it took, if it ran
 * @since 0.1.0
 */
public record MigrationInfo(@Nullable Version version, String description, MigrationType type, MigrationState state,
		String script, @Nullable String checksum, @Nullable OffsetDateTime installedOn, @Nullable String installedBy,
		@Nullable Duration executionTime) {

	/**
	 * The version as text, or an empty string for a repeatable script.
	 * @return the version text
	 */
	/**
	 * Whether this migration stops {@code migrate} until a person has looked at it.
	 * @return whether it needs attention
	 */
	public boolean needsAttention() {
		// A repeatable script that is no longer shipped is simply no longer managed.
		return this.state.isBlocking()
				&& !(this.type == MigrationType.REPEATABLE && this.state == MigrationState.MISSING);
	}

	public String versionText() {
		return (this.version != null) ? this.version.toString() : "";
	}

}
