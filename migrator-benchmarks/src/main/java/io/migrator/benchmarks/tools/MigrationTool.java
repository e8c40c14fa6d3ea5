package io.migrator.benchmarks.tools;

import java.nio.file.Path;

import javax.sql.DataSource;

import io.migrator.benchmarks.Tool;

/**
 * Applies a workload's pending migrations with one tool, the way a starting application
 * calls it: everything from the tool's entry point to its return, including the tool's
 * own class loading and set-up.
 *
 * @since 0.1.0
 */
public interface MigrationTool {

	/**
	 * Apply every pending migration of the workload.
	 * @param dataSource an open pool on the database
	 * @param workloadDir the workload's directory ({@code sql/} and the Liquibase
	 * changelog)
	 * @throws Exception if the tool fails
	 */
	void migrate(DataSource dataSource, Path workloadDir) throws Exception;

	/**
	 * The adapter for a tool. Only the chosen adapter's class is loaded, so a run of one
	 * tool never pays for loading another.
	 * @param tool the tool
	 * @return its adapter
	 */
	static MigrationTool of(Tool tool) {
		return switch (tool) {
			case MIGRATOR -> new MigratorTool();
			case FLYWAY -> new FlywayTool();
			case LIQUIBASE -> new LiquibaseTool();
			case JDBC -> new JdbcFloorTool();
		};
	}

}
