package io.migrator.benchmarks.tools;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;

/**
 * migrator with its defaults, as the Spring Boot starter configures it.
 */
final class MigratorTool implements MigrationTool {

	@Override
	public void migrate(DataSource dataSource, Path workloadDir) {
		MigratorConfig config = MigratorConfig.builder()
			.dataSource(dataSource)
			.locations("filesystem:" + workloadDir.resolve("sql"))
			.build();
		new Migrator(config).migrate();
	}

}
