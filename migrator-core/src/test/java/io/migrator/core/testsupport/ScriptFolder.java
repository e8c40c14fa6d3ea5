package io.migrator.core.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;

/**
 * A folder, usually a test's {@code @TempDir}, that a test writes migration scripts to,
 * and the migrators that run them.
 */
public final class ScriptFolder {

	private ScriptFolder() {
	}

	/**
	 * Write a script, and the folders it is in, as UTF-8.
	 * @param folder the folder
	 * @param name the script's path in the folder, such as {@code V1__init.sql}
	 * @param content the script
	 */
	public static void write(Path folder, String name, String content) {
		try {
			Path file = folder.resolve(name);
			Files.createDirectories(file.getParent());
			Files.writeString(file, content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A migrator of a database with the scripts of a folder.
	 * @param folder the folder, its only location
	 * @param dataSource the database
	 * @param customizer changes the rest of the configuration
	 * @return the migrator
	 */
	public static Migrator migrator(Path folder, DataSource dataSource,
			UnaryOperator<MigratorConfig.Builder> customizer) {
		MigratorConfig.Builder builder = MigratorConfig.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + folder);
		return new Migrator(customizer.apply(builder).build());
	}

}
