package io.migrator.core.resolve;

import java.io.IOException;
import java.util.List;

/**
 * Lists the files in one migration location. The engine decides which of them are
 * scripts. The default lists classpath directories, plain jars and file system folders;
 * the Spring Boot integration uses Spring's resource resolver, which also knows every
 * executable jar layout.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ScriptScanner {

	/**
	 * List every file under a location, in subdirectories too.
	 * @param location a location such as {@code classpath:db/migration} or
	 * {@code filesystem:/srv/sql}
	 * @return the files, in any order; empty when the location has none
	 * @throws IOException if the location cannot be listed
	 * @throws io.migrator.core.MigrationException if a {@code filesystem:} location does
	 * not exist
	 */
	List<ScriptResource> scan(String location) throws IOException;

}
