package io.migrator.core.internal.flyway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.history.HistoryStatus;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import org.jspecify.annotations.Nullable;

/**
 * Turns Flyway's rows into ledger rows, one for one in {@code installed_rank} order, or
 * refuses with every problem at once:
 * <ol>
 * <li>a failed row, and a type migrator has no equivalent for (script or custom
 * migrations, rows Flyway's repair marked {@code DELETE}), refuse; a Java migration
 * ({@code JDBC}) is taken over by the {@code JavaMigration} registered for its version,
 * or refuses;</li>
 * <li>{@code SQL} with a version is a versioned row, without one a repeatable row;
 * {@code UNDO_SQL} an undo row; {@code BASELINE} and {@code SQL_BASELINE} a baseline row;
 * Flyway's {@code SCHEMA} row (the schemas it created) is no migration and is
 * skipped;</li>
 * <li>each row is checked against the file shipped for it with Flyway's own checksum: a
 * match records migrator's SHA-256 of the file, so the plan sees it applied;</li>
 * <li>the versioned script each version stands at must match (a file changed since Flyway
 * applied it, or missing, refuses); a repeatable script or an older row that does not
 * match is recorded with Flyway's checksum ({@code crc32:<n>}), which no file's SHA-256
 * equals: a changed repeatable script is applied again, as Flyway would.</li>
 * </ol>
 */
final class FlywayImport {

	/** The prefix of a checksum kept as Flyway recorded it. */
	static final String CRC32_PREFIX = "crc32:";

	private final ScriptCatalog catalog;

	private final Function<Script, List<Integer>> checksums;

	private final String installedByFallback;

	private final List<String> problems = new ArrayList<>();

	/**
	 * @param catalog the scripts shipped
	 * @param checksums the Flyway checksums a script may have been recorded with (the
	 * file's, and for a repeatable script with placeholders the replaced text's)
	 * @param installedByFallback recorded where Flyway's row names nobody
	 */
	FlywayImport(ScriptCatalog catalog, Function<Script, List<Integer>> checksums, String installedByFallback) {
		this.catalog = catalog;
		this.checksums = checksums;
		this.installedByFallback = installedByFallback;
	}

	/**
	 * Map every row, or refuse.
	 * @param rows Flyway's rows, in {@code installed_rank} order
	 * @param table Flyway's table, for the message
	 * @return the ledger rows, numbered from 1
	 * @throws MigrationException with reason {@code VALIDATION} listing every row that
	 * cannot be adopted
	 */
	List<HistoryRow> map(List<FlywayRow> rows, String table) {
		Map<Version, Integer> standing = standingRows(rows);
		List<HistoryRow> ledger = new ArrayList<>();
		for (FlywayRow row : rows) {
			HistoryRow mapped = map(row, ledger.size() + 1, standing);
			if (mapped != null) {
				ledger.add(mapped);
			}
		}
		if (!this.problems.isEmpty()) {
			throw new MigrationException(Reason.VALIDATION,
					"Cannot adopt Flyway's history " + table + ": " + this.problems.size()
							+ " row(s) cannot be taken over. Nothing was imported and " + table
							+ " was not changed.\n  - " + String.join("\n  - ", this.problems)
							+ "\n  Fix these, then start again; or, to adopt the schema without its history, set"
							+ " migrator.command=baseline with migrator.target at Flyway's current version");
		}
		return ledger;
	}

	/**
	 * For each version, the installed rank of the row it stands at: its last successful
	 * {@code SQL} row, unless an undo came after it.
	 */
	private static Map<Version, Integer> standingRows(List<FlywayRow> rows) {
		Map<Version, Integer> standing = new HashMap<>();
		for (FlywayRow row : rows) {
			Version version = version(row);
			if (version == null || !row.success()) {
				continue;
			}
			if (row.type().equals("SQL")) {
				standing.put(version, row.installedRank());
			}
			else if (row.type().startsWith("UNDO_")) {
				standing.remove(version);
			}
		}
		return standing;
	}

	private @Nullable HistoryRow map(FlywayRow row, long id, Map<Version, Integer> standing) {
		String type = row.type().toUpperCase(Locale.ROOT);
		if (type.equals("SCHEMA")) {
			return null;
		}
		if (!row.success()) {
			this.problems.add(row.describe() + " failed in Flyway: remove whatever it left half-done and run Flyway's"
					+ " repair, which deletes failed rows (or delete the row), then adopt again");
			return null;
		}
		Version version = version(row);
		if (row.version() != null && !row.version().isBlank() && version == null) {
			this.problems.add(row.describe() + " has version '" + row.version() + "', which is not a version migrator"
					+ " reads (digits separated by dots)");
			return null;
		}
		return switch (type) {
			case "SQL" -> (version != null) ? versioned(row, id, version, standing) : repeatable(row, id);
			case "JDBC", "SPRING_JDBC" -> javaMigration(row, id, version, type);
			case "UNDO_SQL" -> undo(row, id, version);
			case "BASELINE", "SQL_BASELINE" -> baseline(row, id, version);
			default -> unmappable(row, type);
		};
	}

	private @Nullable HistoryRow versioned(FlywayRow row, long id, Version version, Map<Version, Integer> standing) {
		Script script = this.catalog.versioned(version);
		Integer standingRank = standing.get(version);
		boolean stands = standingRank != null && standingRank == row.installedRank();
		if (script == null) {
			if (stands) {
				this.problems.add(row.describe() + " was applied by Flyway, but no V" + version
						+ "__*.sql script is shipped here: put the script back in migrator.locations, then adopt again");
				return null;
			}
			return row(row, id, version, MigrationType.VERSIONED, null, flywayChecksum(row));
		}
		if (matches(row, script)) {
			return row(row, id, version, MigrationType.VERSIONED, script, script.checksum());
		}
		if (stands) {
			this.problems.add(script.resource().location() + " changed since Flyway applied it as " + row.describe()
					+ " (Flyway's checksum " + row.checksum() + ", the file's now " + firstChecksum(script)
					+ "): restore the file as Flyway applied it; or, if the edit is intended, run Flyway's repair"
					+ " to accept it, then adopt again");
			return null;
		}
		return row(row, id, version, MigrationType.VERSIONED, script, flywayChecksum(row));
	}

	private HistoryRow repeatable(FlywayRow row, long id) {
		Script script = repeatableScript(row);
		if (script != null && matches(row, script)) {
			return row(row, id, null, MigrationType.REPEATABLE, script, script.checksum());
		}
		return row(row, id, null, MigrationType.REPEATABLE, script, flywayChecksum(row));
	}

	private @Nullable HistoryRow undo(FlywayRow row, long id, @Nullable Version version) {
		if (version == null) {
			this.problems.add(row.describe() + " is an undo without a version");
			return null;
		}
		Script script = this.catalog.undo(version);
		String checksum = (script != null && matches(row, script)) ? script.checksum() : flywayChecksum(row);
		return row(row, id, version, MigrationType.UNDO, script, checksum);
	}

	private @Nullable HistoryRow baseline(FlywayRow row, long id, @Nullable Version version) {
		if (version == null) {
			this.problems.add(row.describe() + " is a baseline without a version");
			return null;
		}
		return new HistoryRow(id, version, row.description(), MigrationType.BASELINE, row.script(), null, null,
				HistoryStatus.SUCCESS, installedBy(row), row.installedOn(), row.executionMillis());
	}

	/**
	 * A Flyway Java migration is taken over by the Java migration registered here for its
	 * version, with the checksum that one declares (Flyway's are mostly null).
	 */
	private @Nullable HistoryRow javaMigration(FlywayRow row, long id, @Nullable Version version, String type) {
		Script script = (version != null) ? this.catalog.versioned(version) : null;
		if (script == null || script.java() == null) {
			this.problems.add(row.describe() + " is a Java migration, and no Java migration of version " + version
					+ " is registered here: register one (a JavaMigration bean) that stands for it, then adopt again");
			return null;
		}
		return row(row, id, version, MigrationType.VERSIONED, script, script.checksum());
	}

	private @Nullable HistoryRow unmappable(FlywayRow row, String type) {
		String what = switch (type) {
			case "UNDO_JDBC", "UNDO_SPRING_JDBC", "JDBC_BASELINE" ->
				"is a Java undo or baseline, which migrator" + " has no ledger entry for";
			case "DELETE" ->
				"is a migration Flyway's repair marked as deleted, which migrator's ledger has no" + " entry for";
			default -> "has type " + type + ", which migrator has no equivalent for";
		};
		this.problems.add(row.describe() + " " + what);
		return null;
	}

	private @Nullable Script repeatableScript(FlywayRow row) {
		String fileName = row.fileName();
		for (Script script : this.catalog.repeatable()) {
			if (script.fileName().equals(fileName)) {
				return script;
			}
		}
		return this.catalog.repeatable(row.description());
	}

	/**
	 * Whether Flyway recorded this file's content; a row without a checksum matches any.
	 */
	private boolean matches(FlywayRow row, Script script) {
		return row.checksum() == null || this.checksums.apply(script).contains(row.checksum());
	}

	private int firstChecksum(Script script) {
		return this.checksums.apply(script).get(0);
	}

	private static @Nullable String flywayChecksum(FlywayRow row) {
		return (row.checksum() != null) ? CRC32_PREFIX + row.checksum() : null;
	}

	private HistoryRow row(FlywayRow row, long id, @Nullable Version version, MigrationType type,
			@Nullable Script script, @Nullable String checksum) {
		String description = (script != null) ? script.description() : row.description();
		String fileName = (script != null) ? script.fileName() : row.fileName();
		// The fingerprint goes with migrator's own checksum of the file, not with
		// Flyway's.
		String fingerprint = (script != null && checksum != null && checksum.equals(script.checksum()))
				? script.fingerprint() : null;
		return new HistoryRow(id, version, description, type, fileName, checksum, fingerprint, HistoryStatus.SUCCESS,
				installedBy(row), row.installedOn(), row.executionMillis());
	}

	private String installedBy(FlywayRow row) {
		return row.installedBy().isEmpty() ? this.installedByFallback : row.installedBy();
	}

	private static @Nullable Version version(FlywayRow row) {
		String text = row.version();
		if (text == null || text.isBlank()) {
			return null;
		}
		return Version.isValid(text.strip()) ? Version.parse(text.strip()) : null;
	}

}
