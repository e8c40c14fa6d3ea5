package io.migrator.core.internal.plan;

import io.migrator.core.MigrationState;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.internal.history.HistoryStatus;
import org.jspecify.annotations.Nullable;

/**
 * One ledger row {@code repair} appends.
 *
 * @param version the version, {@code null} for a repeatable script
 * @param description the description
 * @param type the kind of entry repaired
 * @param script the script's file name
 * @param checksum the checksum to record
 * @param fingerprint the fingerprint to record with it
 * @param status {@code CLEARED} or {@code REPAIRED}
 * @param settles the state it settles: {@code FAILED}, {@code UNFINISHED} or
 * {@code MODIFIED}
 * @param recordedChecksum the checksum the ledger had
 */
public record Repair(@Nullable Version version, String description, MigrationType type, String script,
		@Nullable String checksum, @Nullable String fingerprint, HistoryStatus status, MigrationState settles,
		@Nullable String recordedChecksum) {

	/**
	 * What the repair does, for people.
	 * @return the sentence
	 */
	public String change() {
		return PlanMessages.repair(this);
	}

}
