package io.migrator.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The repetitions of one tool, size and scenario, reduced to median, min and max.
 *
 * @param tool the tool
 * @param n the number of migrations
 * @param scenario the scenario
 * @param medianMillis the median measured time
 * @param minMillis the fastest repetition
 * @param maxMillis the slowest repetition
 * @param cpuMillis the median CPU time of the runner(s) while the tool ran
 * @param rssMb the median peak resident set in MiB, -1 when unknown
 * @param processMillis the median whole-process wall time
 * @param samplesMillis every repetition's time, in order
 * @param restarts how many failed runners were started again, over all repetitions
 * @since 0.1.0
 */
public record Summary(Tool tool, int n, Scenario scenario, double medianMillis, double minMillis, double maxMillis,
		double cpuMillis, double rssMb, double processMillis, List<Double> samplesMillis, int restarts) {

	/**
	 * Group measurements by tool, size and scenario, in the order they were first seen.
	 * @param measurements the measurements
	 * @return one summary per group
	 */
	public static List<Summary> of(List<Measurement> measurements) {
		Map<String, List<Measurement>> groups = new LinkedHashMap<>();
		for (Measurement m : measurements) {
			groups.computeIfAbsent(m.tool() + "/" + m.n() + "/" + m.scenario(), (key) -> new ArrayList<>()).add(m);
		}
		List<Summary> summaries = new ArrayList<>();
		for (List<Measurement> group : groups.values()) {
			Measurement first = group.get(0);
			List<Double> samples = group.stream().map(Measurement::elapsedMillis).toList();
			List<Double> rss = group.stream().filter((m) -> m.rssKb() >= 0).map((m) -> m.rssKb() / 1024.0).toList();
			summaries.add(new Summary(first.tool(), first.n(), first.scenario(), median(samples),
					samples.stream().min(Comparator.naturalOrder()).orElseThrow(),
					samples.stream().max(Comparator.naturalOrder()).orElseThrow(),
					median(group.stream().map(Measurement::cpuMillis).toList()), rss.isEmpty() ? -1 : median(rss),
					median(group.stream().map(Measurement::processMillis).toList()), samples,
					group.stream().mapToInt(Measurement::restarts).sum()));
		}
		return summaries;
	}

	/**
	 * The median of some values: the middle one, or the mean of the two middle ones.
	 * @param values at least one value
	 * @return the median
	 */
	static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/**
	 * The median time per migration.
	 * @return milliseconds per migration
	 */
	public double perMigrationMillis() {
		return this.medianMillis / this.n;
	}

}
