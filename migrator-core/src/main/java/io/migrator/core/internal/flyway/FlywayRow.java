package io.migrator.core.internal.flyway;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One row of Flyway's {@code flyway_schema_history}, as Flyway wrote it.
 *
 * @param installedRank the row's position, increasing
 * @param version the version as Flyway wrote it, {@code null} for a repeatable script
 * @param description the description
 * @param type Flyway's type: {@code SQL}, {@code UNDO_SQL}, {@code BASELINE},
 * {@code SQL_BASELINE}, {@code JDBC}, {@code DELETE}, {@code SCHEMA}, ...
 * @param script the script's path relative to its location
 * @param checksum Flyway's CRC32, {@code null} for a baseline
 * @param installedBy the database user
 * @param installedOn when
 * @param executionMillis how long it took
 * @param success whether it succeeded
 */
public record FlywayRow(int installedRank, @Nullable String version, String description, String type, String script,
		@Nullable Integer checksum, String installedBy, OffsetDateTime installedOn, long executionMillis,
		boolean success) {

	/**
	 * How the row reads in a message.
	 * @return such as {@code installed_rank 3 (SQL V2 "add email", V2__add_email.sql)}
	 */
	String describe() {
		return "installed_rank " + this.installedRank + " (" + this.type
				+ ((this.version != null) ? " version " + this.version : "") + ", " + this.script + ")";
	}

	/**
	 * The script's file name, without the folders under its location.
	 * @return the file name
	 */
	String fileName() {
		int slash = Math.max(this.script.lastIndexOf('/'), this.script.lastIndexOf('\\'));
		return this.script.substring(slash + 1);
	}

}
