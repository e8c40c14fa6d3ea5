package io.migrator.core.internal.history;

import java.time.OffsetDateTime;

import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import org.jspecify.annotations.Nullable;

/**
 * One row of the append-only history ledger.
 *
 * @param id the row's position in the ledger, increasing
 * @param version the version, {@code null} for a repeatable script
 * @param description the description
 * @param type the kind of script or entry
 * @param script the script's file name
 * @param checksum the script's checksum, {@code null} for a baseline
 * @param fingerprint the size and CRC-32 of the bytes the checksum was taken from
 * ({@link io.migrator.core.resolve.ScriptFingerprint}), {@code null} when not known or
 * written by an earlier version
 * @param status what the row records
 * @param installedBy the database user
 * @param installedOn when
 * @param executionMillis how long it took
 */
public record HistoryRow(long id, @Nullable Version version, String description, MigrationType type, String script,
		@Nullable String checksum, @Nullable String fingerprint, HistoryStatus status, String installedBy,
		OffsetDateTime installedOn, long executionMillis) {

}
