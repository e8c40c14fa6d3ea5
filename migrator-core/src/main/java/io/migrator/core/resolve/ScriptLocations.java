package io.migrator.core.resolve;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;

/**
 * How every {@link ScriptScanner} reads a location the same way: its prefix, its slashes,
 * the files below it that are not scripts, and the error for a folder that is not there.
 *
 * @since 0.1.0
 */
public final class ScriptLocations {

	/**
	 * The prefix of a location on the class path, also assumed when a location has none.
	 */
	public static final String CLASSPATH = "classpath:";

	/** The prefix of a folder on the file system. */
	public static final String FILESYSTEM = "filesystem:";

	private ScriptLocations() {
	}

	/**
	 * A path without leading and trailing slashes.
	 * @param path the path
	 * @return the path, trimmed
	 */
	public static String trimSlashes(String path) {
		int start = 0;
		int end = path.length();
		while (start < end && path.charAt(start) == '/') {
			start++;
		}
		while (end > start && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(start, end);
	}

	/**
	 * Whether a file below a location is hidden: a part of its path starts with a dot.
	 * Such files are never scripts. A Kubernetes ConfigMap volume, for one, holds the
	 * real files in a hidden {@code ..<timestamp>/} folder and shows each one as a link
	 * beside it; counting both would read every script twice.
	 * @param relativePath the path below the location, with {@code /} or the platform's
	 * separator
	 * @return whether to skip the file
	 */
	public static boolean isHidden(String relativePath) {
		String path = relativePath.replace('\\', '/');
		return isHiddenName(path) || path.contains("/.");
	}

	/**
	 * Whether a file or folder is skipped by its own name, for a scanner that lists one
	 * folder at a time (it need not look at the whole path of every file).
	 * @param name the name, without a path
	 * @return whether to skip it, and all below it
	 * @since 0.3.0
	 */
	public static boolean isHiddenName(String name) {
		return name.startsWith(".");
	}

	/**
	 * The error for a {@code filesystem:} location that is not a folder.
	 * @param location the location as configured
	 * @return the error, naming the location and the setting
	 */
	public static MigrationException notADirectory(String location) {
		return new MigrationException(Reason.CONFIGURATION, "Migration location '" + location
				+ "' is not a directory (migrator.locations): create it or correct the path");
	}

}
