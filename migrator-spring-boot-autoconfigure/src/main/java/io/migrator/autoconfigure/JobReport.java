package io.migrator.autoconfigure;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.migrator.core.AdoptResult;
import io.migrator.core.DryRun;
import io.migrator.core.InfoResult;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationState;
import io.migrator.core.RepairResult;
import io.migrator.core.ValidateResult;
import org.jspecify.annotations.Nullable;

/**
 * The text job mode prints: short, stable, for a person reading a job's log.
 */
final class JobReport {

	private static final DateTimeFormatter INSTALLED_ON = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'");

	private JobReport() {
	}

	static String migrate(MigrateResult result) {
		if (result.applied().isEmpty()) {
			return "Schema is up to date at version " + result.finalVersion() + ".";
		}
		return scripts("Migrated schema from version " + result.initialVersion() + " to " + result.finalVersion(),
				result);
	}

	static String undo(MigrateResult result) {
		if (result.applied().isEmpty()) {
			return "Nothing to undo: the schema is at version " + result.finalVersion() + ".";
		}
		return scripts("Undid schema from version " + result.initialVersion() + " to " + result.finalVersion(), result);
	}

	private static String scripts(String headline, MigrateResult result) {
		StringBuilder text = new StringBuilder(headline).append(" in ").append(format(result.duration())).append(':');
		for (MigrateResult.AppliedMigration applied : result.applied()) {
			text.append("\n  ").append(applied.script()).append("  ").append(format(applied.duration()));
		}
		return text.toString();
	}

	static String repair(RepairResult result) {
		if (result.changes().isEmpty()) {
			return "Nothing to repair: no failed, unfinished or edited migration.";
		}
		return "Repaired " + result.changes().size() + " entr" + ((result.changes().size() == 1) ? "y" : "ies")
				+ " (new history rows; nothing was deleted):\n  - " + String.join("\n  - ", result.changes());
	}

	static String baseline(InfoResult info) {
		return "Baselined the schema at version " + info.schemaVersion() + ": scripts up to it will never run here.\n\n"
				+ info(info);
	}

	static String adoptFlyway(AdoptResult result) {
		if (!result.adopted()) {
			return "Nothing to adopt: migrator's history already has rows (Flyway's history is adopted once).\n\n"
					+ info(result.info());
		}
		return "Adopted Flyway's history " + result.flywayTable() + ": " + result.importedRows() + " of its "
				+ result.flywayRows() + " rows are now migrator's history (it was not changed), schema version "
				+ result.info().schemaVersion() + ". Remove Flyway from the application.\n\n" + info(result.info());
	}

	static String dryRun(DryRun plan) {
		StringBuilder text = new StringBuilder("Dry run, nothing was changed: ").append(plan.command());
		if (plan.scripts().isEmpty()) {
			return text.append(" has nothing to run (schema version ")
				.append(plan.schemaVersion())
				.append(").")
				.toString();
		}
		text.append(" would take the schema from version ")
			.append(plan.schemaVersion())
			.append(" to ")
			.append(plan.targetVersion())
			.append(" with ")
			.append(plan.scripts().size())
			.append(" script")
			.append((plan.scripts().size() == 1) ? "" : "s")
			.append(':');
		for (DryRun.PlannedScript script : plan.scripts()) {
			text.append("\n\n-- ")
				.append(script.script())
				.append(script.transactional() ? " (one transaction with its history row)"
						: " (not transactional: statement by statement)");
			for (String statement : script.statements()) {
				text.append('\n').append(statement).append(';');
			}
		}
		return text.toString();
	}

	/**
	 * A table a person reads at a glance; rows that need attention are marked in the
	 * first column: {@code >} pending, {@code !} blocking (failed, unfinished, modified,
	 * missing).
	 */
	static String info(InfoResult info) {
		long blocking = info.migrations().stream().filter(MigrationInfo::needsAttention).count();
		StringBuilder text = new StringBuilder("Schema version ").append(info.schemaVersion())
			.append(" (this application ships ")
			.append(info.expectedVersion())
			.append("): ")
			.append(info.pendingCount())
			.append(" pending");
		if (blocking > 0) {
			text.append(", ").append(blocking).append(" need attention");
		}
		if (!info.historyExists()) {
			text.append(", no history table yet");
		}
		List<String[]> rows = new ArrayList<>();
		rows.add(new String[] { "", "Version", "Description", "Type", "State", "Installed on", "Duration" });
		for (MigrationInfo migration : info.migrations()) {
			rows.add(new String[] { marker(migration), migration.versionText(), migration.description(),
					migration.type().name().toLowerCase(Locale.ROOT), state(migration.state()),
					installedOn(migration.installedOn()), duration(migration.executionTime()) });
		}
		int[] widths = new int[rows.get(0).length];
		for (String[] row : rows) {
			for (int i = 0; i < row.length; i++) {
				widths[i] = Math.max(widths[i], row[i].length());
			}
		}
		for (String[] row : rows) {
			StringBuilder line = new StringBuilder();
			for (int i = 0; i < row.length; i++) {
				// Padded by hand: a column may be empty in every row (no marker when
				// nothing is pending),
				// and a zero width is not a valid format ("%-0s").
				line.append(row[i]).append(" ".repeat(widths[i] - row[i].length()));
				line.append((i == 0) ? " " : "  ");
			}
			text.append('\n').append(line.toString().stripTrailing());
		}
		return text.toString();
	}

	private static String marker(MigrationInfo migration) {
		if (migration.needsAttention()) {
			return "!";
		}
		MigrationState state = migration.state();
		return (state == MigrationState.PENDING || state == MigrationState.OUT_OF_ORDER) ? ">" : "";
	}

	/** Attention states in capitals, settled ones in lower case. */
	private static String state(MigrationState state) {
		String name = state.name().replace('_', ' ');
		boolean attention = state.isBlocking() || state == MigrationState.PENDING
				|| state == MigrationState.OUT_OF_ORDER;
		return attention ? name : name.toLowerCase(Locale.ROOT);
	}

	private static String installedOn(@Nullable OffsetDateTime installedOn) {
		return (installedOn != null) ? INSTALLED_ON.format(installedOn.withOffsetSameInstant(ZoneOffset.UTC)) : "";
	}

	private static String duration(@Nullable Duration duration) {
		return (duration != null) ? format(duration) : "";
	}

	static String validate(ValidateResult result) {
		if (result.isValid()) {
			return "The scripts and the history agree (schema version " + result.info().schemaVersion() + ").";
		}
		return "The scripts and the history disagree:\n  - " + String.join("\n  - ", result.problems());
	}

	private static String format(Duration duration) {
		return duration.toMillis() + " ms";
	}

}
