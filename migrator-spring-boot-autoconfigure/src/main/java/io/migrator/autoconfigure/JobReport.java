package io.migrator.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.migrator.core.InfoResult;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationInfo;
import io.migrator.core.ValidateResult;

/**
 * The text job mode prints: short, stable, for a person reading a job's log.
 */
final class JobReport {

	private JobReport() {
	}

	static String migrate(MigrateResult result) {
		if (result.applied().isEmpty()) {
			return "Schema is up to date at version " + result.finalVersion() + ".";
		}
		StringBuilder text = new StringBuilder("Migrated schema from version ").append(result.initialVersion())
			.append(" to ")
			.append(result.finalVersion())
			.append(" in ")
			.append(format(result.duration()))
			.append(":");
		for (MigrateResult.AppliedMigration applied : result.applied()) {
			text.append("\n  ").append(applied.script()).append("  ").append(format(applied.duration()));
		}
		return text.toString();
	}

	static String info(InfoResult info) {
		StringBuilder text = new StringBuilder("Schema version: ").append(info.schemaVersion())
			.append(" (this application ships ")
			.append(info.expectedVersion())
			.append("), ")
			.append(info.pendingCount())
			.append(" pending");
		if (!info.historyExists()) {
			text.append(", no history table yet");
		}
		for (MigrationInfo migration : info.migrations()) {
			text.append(String.format(Locale.ROOT, "%n  %-10s %-14s %s", migration.versionText(), migration.state(),
					migration.script()));
		}
		return text.toString();
	}

	static String validate(ValidateResult result) {
		if (result.isValid()) {
			return "The scripts and the history agree (schema version " + result.info().schemaVersion() + ").";
		}
		List<String> problems = result.problems();
		return "The scripts and the history disagree:\n  - " + String.join("\n  - ", problems);
	}

	private static String format(Duration duration) {
		return duration.toMillis() + " ms";
	}

}
