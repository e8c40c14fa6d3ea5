package io.migrator.core.internal.plan;

import java.time.OffsetDateTime;

import io.migrator.core.MigrationState;
import io.migrator.core.Version;
import org.jspecify.annotations.Nullable;

/**
 * Something that stops {@code migrate} until a person acts.
 *
 * @param state the migration's state
 * @param version the version, {@code null} for a repeatable script
 * @param script the script's file name
 * @param recordedOn when the ledger row that shows the problem was written
 * @param recordedChecksum the checksum the ledger has
 * @param scriptChecksum the checksum of the script shipped now
 * @param schemaVersion the schema's version
 */
public record Problem(MigrationState state, @Nullable Version version, String script,
		@Nullable OffsetDateTime recordedOn, @Nullable String recordedChecksum, @Nullable String scriptChecksum,
		Version schemaVersion) {

	/**
	 * The problem and its next step, for people.
	 * @return the message
	 */
	public String message() {
		return PlanMessages.problem(this);
	}

}
