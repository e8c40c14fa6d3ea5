package io.migrator.benchmarks.tools;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Flyway with its defaults, except that it waits for a peer's lock without a limit: its
 * default (50 tries a second apart) makes replicas fail when the first one migrates for
 * longer.
 */
final class FlywayTool implements MigrationTool {

	@Override
	public void migrate(DataSource dataSource, Path workloadDir) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations("filesystem:" + workloadDir.resolve("sql"))
			.lockRetryCount(-1)
			.load()
			.migrate();
	}

}
