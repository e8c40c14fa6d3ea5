package io.migrator.core.internal.script;

import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import org.jspecify.annotations.Nullable;

/**
 * A parsed script file name: {@code V<version>__<description>.sql},
 * {@code U<version>__<description>.sql} or {@code R__<description>.sql}, as Flyway names
 * them.
 *
 * @param type the kind of script
 * @param version the version, {@code null} for a repeatable script
 * @param description the description, underscores shown as spaces
 */
record ScriptName(MigrationType type, @Nullable Version version, String description) {

	private static final String SEPARATOR = "__";

	/**
	 * Whether a file is an SQL file at all; anything else in a location is ignored.
	 * @param fileName the file name
	 * @return whether it ends with {@code .sql}
	 */
	public static boolean isSql(String fileName) {
		return fileName.regionMatches(true, fileName.length() - 4, ".sql", 0, 4);
	}

	/**
	 * Whether an SQL file's name claims to be a migration: it starts with {@code V},
	 * {@code U} or {@code R} followed by a digit or an underscore, or it contains
	 * {@code __}. Such a name must parse; other SQL files are ignored with a warning.
	 * @param fileName the file name
	 * @return whether the name looks like a migration
	 */
	public static boolean looksLikeMigration(String fileName) {
		if (fileName.contains(SEPARATOR)) {
			return true;
		}
		return fileName.length() >= 2 && "VUR".indexOf(fileName.charAt(0)) >= 0
				&& (Character.isDigit(fileName.charAt(1)) || fileName.charAt(1) == '_');
	}

	/**
	 * Parse a script file name.
	 * @param fileName the file name, such as {@code V1.2__add_email.sql}
	 * @return the parsed name
	 * @throws IllegalArgumentException with a message that says what is wrong and shows a
	 * valid name
	 */
	public static ScriptName parse(String fileName) {
		if (!isSql(fileName) || !looksLikeMigration(fileName)) {
			throw invalid(fileName, "it is not a migration script name");
		}
		String stem = fileName.substring(0, fileName.length() - ".sql".length());
		if ("VUR".indexOf(stem.charAt(0)) < 0) {
			throw invalid(fileName, "it must start with V (versioned), U (undo) or R (repeatable)");
		}
		MigrationType type = switch (stem.charAt(0)) {
			case 'V' -> MigrationType.VERSIONED;
			case 'U' -> MigrationType.UNDO;
			default -> MigrationType.REPEATABLE;
		};
		int separator = stem.indexOf(SEPARATOR, 1);
		if (separator < 0) {
			throw invalid(fileName, "the version and the description must be separated by two underscores '__'");
		}
		String versionText = stem.substring(1, separator);
		String description = stem.substring(separator + SEPARATOR.length()).replace('_', ' ').trim();
		if (description.isEmpty()) {
			throw invalid(fileName, "the description after '__' is missing");
		}
		if (type == MigrationType.REPEATABLE) {
			if (!versionText.isEmpty()) {
				throw invalid(fileName, "repeatable scripts have no version");
			}
			return new ScriptName(type, null, description);
		}
		if (versionText.isEmpty()) {
			throw invalid(fileName, "the version after '" + type.prefix() + "' is missing");
		}
		if (!Version.isValid(versionText)) {
			throw invalid(fileName, "'" + versionText + "' is not a version (digits separated by '.' or '_')");
		}
		return new ScriptName(type, Version.parse(versionText), description);
	}

	private static IllegalArgumentException invalid(String fileName, String why) {
		return new IllegalArgumentException("'" + fileName + "' is not a valid script name: " + why
				+ ". Name scripts like V1.2__add_email.sql, U1.2__add_email.sql (undo) or R__views.sql (repeatable)");
	}

}
