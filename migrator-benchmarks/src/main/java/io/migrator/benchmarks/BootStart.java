package io.migrator.benchmarks;

/**
 * One timed start of the Boot-level start's service, checked against the database
 * afterwards.
 *
 * @param tool the tool the service migrated with
 * @param n the number of migrations
 * @param scenario {@link Scenario#COLD} or {@link Scenario#NOOP}
 * @param repetition which repetition, from 1
 * @param readyNanos from just before the process started to the first ready answer
 * @param applied how many migrations the tool's history records afterwards (0 for none)
 * @param tables how many tables the database holds afterwards
 * @since 0.3.0
 */
public record BootStart(BootTool tool, int n, Scenario scenario, int repetition, long readyNanos, long applied,
		long tables) {

	public double readyMillis() {
		return this.readyNanos / 1e6;
	}

}
