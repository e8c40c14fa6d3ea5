package io.migrator.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What the Boot-level start's service migrates with, and which of the service jar's
 * libraries belong to that tool alone: each start runs from a copy of the service jar
 * that keeps its own tool's libraries and drops the others', so a start pays for one
 * tool, as an application that uses one does, and the one without a tool for none.
 *
 * @since 0.3.0
 */
public enum BootTool {

	/**
	 * The same service with no migration tool: the baseline every extra is taken from.
	 */
	NONE(null),

	/** {@code migrator-spring-boot-starter}, with its defaults (mode {@code migrate}). */
	MIGRATOR(Tool.MIGRATOR, "migrator-core-", "migrator-spring-boot-autoconfigure-", "migrator-spring-boot-starter-"),

	/**
	 * Spring Boot's Flyway integration ({@code spring-boot-flyway}) with its defaults.
	 */
	FLYWAY(Tool.FLYWAY, "flyway-core-", "flyway-database-", "spring-boot-flyway-"),

	/**
	 * Spring Boot's Liquibase integration ({@code spring-boot-liquibase}) with a
	 * changelog of one {@code sqlFile} changeset per script.
	 */
	LIQUIBASE(Tool.LIQUIBASE, "liquibase-core-", "spring-boot-liquibase-");

	/** Where the service jar holds the Liquibase changelog. */
	static final String CHANGELOG = "db/changelog/changelog.xml";

	private final @Nullable Tool history;

	private final List<String> libraries;

	BootTool(@Nullable Tool history, String... libraries) {
		this.history = history;
		this.libraries = List.of(libraries);
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
	 * @return the query, or {@code null} for {@link #NONE}
	 */
	@Nullable String appliedCountSql() {
		return (this.history != null) ? this.history.appliedCountSql() : null;
	}

	/**
	 * Whether a library of the service jar belongs to this tool alone.
	 * @param jarName the library's file name, e.g. {@code flyway-core-13.12.2.jar}
	 * @return whether it is one of the tool's own jars
	 */
	boolean owns(String jarName) {
		return this.libraries.stream().anyMatch(jarName::startsWith);
	}

	/**
	 * Whether a library of the service jar belongs to a tool other than this one, so its
	 * copy of the jar leaves it out.
	 * @param jarName the library's file name
	 * @return whether another tool owns it
	 */
	boolean excludes(String jarName) {
		return Arrays.stream(values()).anyMatch((tool) -> tool != this && tool.owns(jarName));
	}

	/**
	 * What the service is told besides the common settings, for this tool.
	 * @return extra command-line arguments
	 */
	List<String> serviceArgs() {
		return (this == LIQUIBASE) ? List.of("--spring.liquibase.change-log=classpath:" + CHANGELOG) : List.of();
	}

	/**
	 * The tool with a command-line name.
	 * @param id the name
	 * @return the tool
	 * @throws IllegalArgumentException naming the known tools
	 */
	public static BootTool of(String id) {
		for (BootTool tool : values()) {
			if (tool.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
				return tool;
			}
		}
		throw new IllegalArgumentException("Unknown tool '" + id + "': use none, migrator, flyway or liquibase");
	}

}
