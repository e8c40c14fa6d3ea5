package io.migrator.benchmarks;

import java.util.Locale;

/**
 * What is measured.
 *
 * @since 0.1.0
 */
public enum Scenario {

	/** Every migration pending on an empty database: one runner, its in-tool time. */
	COLD,

	/**
	 * Everything already applied: a second runner in a new JVM on the database a cold run
	 * left, its in-tool time. What every pod start pays.
	 */
	NOOP,

	/**
	 * Eight runners released at once on one empty database: the time from their common
	 * start until the last one is done.
	 */
	REPLICAS8;

	/** How many runners {@link #REPLICAS8} starts. */
	public static final int REPLICAS = 8;

	/**
	 * The name used on the command line and in reports.
	 * @return the lowercase name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The scenario with a command-line name.
	 * @param id the name
	 * @return the scenario
	 * @throws IllegalArgumentException naming the known scenarios
	 */
	public static Scenario of(String id) {
		for (Scenario scenario : values()) {
			if (scenario.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
				return scenario;
			}
		}
		throw new IllegalArgumentException("Unknown scenario '" + id + "': use cold, noop or replicas8");
	}

}
