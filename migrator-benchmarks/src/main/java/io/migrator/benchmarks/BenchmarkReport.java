package io.migrator.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * What a benchmark run measured.
 *
 * @param options how it was run
 * @param environment where it was run
 * @param measurements every repetition, checked against the database
 * @param skipped what was not run and why
 * @param databases every database the run created (and dropped)
 * @param wallTime how long the whole run took
 * @since 0.1.0
 */
public record BenchmarkReport(BenchmarkOptions options, Environment environment, List<Measurement> measurements,
		List<String> skipped, List<String> databases, Duration wallTime) {

	/**
	 * The repetitions reduced to median, min and max.
	 * @return one summary per tool, size and scenario
	 */
	public List<Summary> summaries() {
		return Summary.of(this.measurements);
	}

}
