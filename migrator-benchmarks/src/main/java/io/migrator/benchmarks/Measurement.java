package io.migrator.benchmarks;

/**
 * One timed run of one tool in one scenario, checked against the database afterwards.
 *
 * @param tool the tool
 * @param n the number of migrations
 * @param scenario the scenario
 * @param repetition which repetition, from 1
 * @param elapsedNanos the measured time: the tool's own for {@code cold} and
 * {@code noop}; from the common release to the last runner's result for {@code replicas8}
 * @param cpuNanos the CPU time the runner used while the tool ran (all its threads: JIT
 * and GC included); the sum over all runners for {@code replicas8}
 * @param processNanos the whole process (JVM start to exit); the slowest runner's for
 * {@code replicas8}
 * @param rssKb peak resident set; the largest runner's for {@code replicas8}; -1 when
 * unknown
 * @param applied how many migrations the tool's history records as applied afterwards
 * @param tables how many of the workload's tables exist afterwards
 * @param restarts for {@code replicas8}, how many runners failed and were started again
 * @since 0.1.0
 */
public record Measurement(Tool tool, int n, Scenario scenario, int repetition, long elapsedNanos, long cpuNanos,
		long processNanos, long rssKb, long applied, long tables, int restarts) {

	public double elapsedMillis() {
		return this.elapsedNanos / 1e6;
	}

	public double cpuMillis() {
		return this.cpuNanos / 1e6;
	}

	public double processMillis() {
		return this.processNanos / 1e6;
	}

}
