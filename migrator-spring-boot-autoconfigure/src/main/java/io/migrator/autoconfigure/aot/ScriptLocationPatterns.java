package io.migrator.autoconfigure.aot;

import java.util.List;

import io.migrator.core.resolve.ScriptLocations;

/**
 * The resource patterns that make a location's files (scripts, undo scripts, SQL
 * callbacks) readable in a native image, in the form of
 * {@link org.springframework.aot.hint.ResourceHints#registerPattern(String)}.
 */
final class ScriptLocationPatterns {

	/**
	 * What {@code {vendor}} in a location may become: the engine's dialects' vendor ids
	 * ({@code Dialect.vendor()} in migrator-core). The database is only known at runtime,
	 * so the build includes every one; a test keeps this list in step with the dialects.
	 */
	static final List<String> VENDORS = List.of("postgresql", "h2", "mysql", "mariadb");

	private static final String VENDOR = "{vendor}";

	private ScriptLocationPatterns() {
	}

	/**
	 * The patterns of a location: for a {@code classpath:} location (or one without a
	 * prefix, which is one too) everything below its folder, once per vendor if the
	 * location depends on the database. Spring adds the folder and its parents, which the
	 * scanner looks up to know where the location's files start. A {@code filesystem:}
	 * location is read from the file system at runtime and needs none.
	 * @param location the location, as configured
	 * @return the patterns
	 */
	static List<String> of(String location) {
		if (location.startsWith(ScriptLocations.FILESYSTEM)) {
			return List.of();
		}
		String path = ScriptLocations.trimSlashes(location.startsWith(ScriptLocations.CLASSPATH)
				? location.substring(ScriptLocations.CLASSPATH.length()) : location);
		List<String> paths = path.contains(VENDOR)
				? VENDORS.stream().map((vendor) -> path.replace(VENDOR, vendor)).toList() : List.of(path);
		return paths.stream().map((folder) -> folder + "/**").toList();
	}

}
