package io.migrator.benchmarks;

import java.util.Locale;

/**
 * The tools compared, and how to count what each one recorded as applied.
 *
 * @since 0.1.0
 */
public enum Tool {

	/** This project's engine. */
	MIGRATOR("SELECT count(*) FROM migrator_schema_history WHERE type = 'VERSIONED' AND status = 'SUCCESS'"),

	/** Flyway, with its PostgreSQL support module. */
	FLYWAY("SELECT count(*) FROM flyway_schema_history WHERE type = 'SQL' AND success"),

	/** Liquibase, one {@code sqlFile} changeset per script. */
	LIQUIBASE("SELECT count(*) FROM databasechangelog WHERE exectype = 'EXECUTED'"),

	/**
	 * The floor: each file sent once as one statement in its own transaction with one
	 * history insert, nothing else.
	 */
	JDBC("SELECT count(*) FROM bench_history");

	private final String appliedCountSql;

	Tool(String appliedCountSql) {
		this.appliedCountSql = appliedCountSql;
	}

	/**
	 * The name used on the command line and in reports.
	 * @return the lowercase name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * A query that counts the migrations the tool recorded as applied.
	 * @return the query
	 */
	public String appliedCountSql() {
		return this.appliedCountSql;
	}

	/**
	 * The tool with a command-line name.
	 * @param id the name
	 * @return the tool
	 * @throws IllegalArgumentException naming the known tools
	 */
	public static Tool of(String id) {
		for (Tool tool : values()) {
			if (tool.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
				return tool;
			}
		}
		throw new IllegalArgumentException("Unknown tool '" + id + "': use migrator, flyway, liquibase or jdbc");
	}

}
