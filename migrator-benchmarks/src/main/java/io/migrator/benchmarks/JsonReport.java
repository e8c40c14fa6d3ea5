package io.migrator.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The summaries as a JSON array, one object per tool, size and scenario:
 * {@code tool, n, scenario, median_ms, min_ms, max_ms, cpu_ms, rss_mb, process_ms, per_migration_ms,
 * runs, samples_ms, restarts}. Written by hand: every value is a number or a plain
 * lowercase word.
 *
 * @since 0.1.0
 */
public final class JsonReport {

	private JsonReport() {
	}

	/**
	 * Render the summaries.
	 * @param summaries the summaries
	 * @return the JSON text
	 */
	public static String render(List<Summary> summaries) {
		return summaries.stream().map(JsonReport::object).collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n"));
	}

	private static String object(Summary s) {
		return String.format(Locale.ROOT,
				"{\"tool\": \"%s\", \"n\": %d, \"scenario\": \"%s\", \"median_ms\": %s, \"min_ms\": %s,"
						+ " \"max_ms\": %s, \"cpu_ms\": %s, \"rss_mb\": %s, \"process_ms\": %s, \"per_migration_ms\": %s,"
						+ " \"runs\": %d, \"samples_ms\": [%s], \"restarts\": %d}",
				s.tool().id(), s.n(), s.scenario().id(), number(s.medianMillis()), number(s.minMillis()),
				number(s.maxMillis()), number(s.cpuMillis()), (s.rssMb() >= 0) ? number(s.rssMb()) : "null",
				number(s.processMillis()), String.format(Locale.ROOT, "%.4f", s.perMigrationMillis()),
				s.samplesMillis().size(),
				s.samplesMillis().stream().map(JsonReport::number).collect(Collectors.joining(", ")), s.restarts());
	}

	private static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
