package io.migrator.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What {@code migrate} or {@code undo} would run now, in order, without running it.
 *
 * @param command {@code migrate} or {@code undo}
 * @param schemaVersion the schema's version now
 * @param targetVersion the version the run would reach
 * @param scripts the scripts, in the order they would run
 * @since 0.1.0
 */
public record DryRun(String command, Version schemaVersion, Version targetVersion, List<PlannedScript> scripts) {

	public DryRun {
		scripts = List.copyOf(scripts);
	}

	/**
	 * One script a run would execute.
	 *
	 * @param version the version, or {@code null} for a repeatable script
	 * @param type the kind of script
	 * @param script the script's file name
	 * @param transactional whether it would run in one transaction with its history row
	 * @param statements its statements, as they would be sent
	 */
	public record PlannedScript(@Nullable Version version, MigrationType type, String script, boolean transactional,
			List<String> statements) {

		public PlannedScript {
			statements = List.copyOf(statements);
		}

	}

}
