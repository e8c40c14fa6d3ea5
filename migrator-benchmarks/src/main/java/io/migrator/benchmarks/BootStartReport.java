package io.migrator.benchmarks;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * What the Boot-level start measured, as Markdown and JSON: per size and scenario, each
 * tool's median time to ready (min–max), its extra over the service without a tool
 * (median minus median), and migrator's extra as a share of Flyway's and of Liquibase's.
 *
 * @param options how it was run
 * @param environment where it was run
 * @param starts every start, checked
 * @param databases every database the run created (and dropped)
 * @param wallTime how long the whole run took
 * @since 0.3.0
 */
public record BootStartReport(BootStartOptions options, Environment environment, List<BootStart> starts,
		List<String> databases, Duration wallTime) {

	private static final List<Scenario> SCENARIOS = List.of(Scenario.COLD, Scenario.NOOP);

	/**
	 * The median time to ready of one tool, size and scenario.
	 * @param tool the tool
	 * @param n the size
	 * @param scenario the scenario
	 * @return milliseconds, or -1 when it was not run
	 */
	public double medianMillis(BootTool tool, int n, Scenario scenario) {
		List<Double> samples = samples(tool, n, scenario);
		return samples.isEmpty() ? -1 : Summary.median(samples);
	}

	/**
	 * What a tool adds to the start of the service without a tool: the difference of the
	 * medians.
	 * @param tool the tool
	 * @param n the size
	 * @param scenario the scenario
	 * @return milliseconds, or {@code null} when either was not run
	 */
	public @Nullable Double extraMillis(BootTool tool, int n, Scenario scenario) {
		double with = medianMillis(tool, n, scenario);
		double without = medianMillis(BootTool.NONE, n, scenario);
		return (with < 0 || without < 0) ? null : with - without;
	}

	/**
	 * Render the report.
	 * @param command how the run was started, for people to reproduce it
	 * @return the Markdown
	 */
	public String markdown(String command) {
		StringBuilder md = new StringBuilder();
		md.append("## Boot-level start\n\n");
		md.append("- Machine: ")
			.append(this.environment.cpus())
			.append(" CPUs, ")
			.append((this.environment.memoryMb() >= 0) ? this.environment.memoryMb() + " MiB memory, " : "")
			.append(this.environment.os())
			.append('\n');
		md.append("- Database: ")
			.append(this.environment.database())
			.append("; services: ")
			.append(this.environment.java())
			.append('\n');
		md.append("- Command: `").append(command).append("`\n");
		md.append("- Time to ready: from process start to the first 200 of `/actuator/health/readiness`, median of ")
			.append(this.options.repeat())
			.append(" starts in ms (min–max). Extra: the tool's median minus the median without a tool."
					+ " Whole run: ")
			.append(this.wallTime.toSeconds())
			.append(" s.\n\n");
		md.append("| scenario | N |");
		List<BootTool> tools = this.options.tools();
		tools.forEach((tool) -> md.append(' ').append(tool.id()).append(" |"));
		tools.stream()
			.filter((tool) -> tool != BootTool.NONE)
			.forEach((tool) -> md.append(' ').append(tool.id()).append(" extra |"));
		md.append(" migrator extra / flyway extra | migrator extra / liquibase extra |\n|---|---:|");
		md.append("---:|".repeat(2 * tools.size() - 1 + 2)).append('\n');
		for (Scenario scenario : SCENARIOS) {
			for (int n : this.options.sizes()) {
				md.append("| ").append(scenario.id()).append(" | ").append(n).append(" |");
				for (BootTool tool : tools) {
					md.append(' ').append(cell(tool, n, scenario)).append(" |");
				}
				for (BootTool tool : tools) {
					if (tool != BootTool.NONE) {
						Double extra = extraMillis(tool, n, scenario);
						md.append(' ').append((extra != null) ? ms(extra) : "—").append(" |");
					}
				}
				md.append(' ').append(ratio(BootTool.FLYWAY, n, scenario)).append(" |");
				md.append(' ').append(ratio(BootTool.LIQUIBASE, n, scenario)).append(" |\n");
			}
		}
		return md.toString();
	}

	/**
	 * The results as a JSON array, one object per tool, size and scenario:
	 * {@code tool, n, scenario, median_ms, min_ms, max_ms, extra_ms, samples_ms}.
	 * @return the JSON text
	 */
	public String json() {
		return SCENARIOS.stream()
			.flatMap((scenario) -> this.options.sizes()
				.stream()
				.flatMap((n) -> this.options.tools().stream().map((tool) -> jsonObject(tool, n, scenario))))
			.collect(Collectors.joining(",\n  ", "[\n  ", "\n]\n"));
	}

	private String jsonObject(BootTool tool, int n, Scenario scenario) {
		List<Double> samples = samples(tool, n, scenario);
		Double extra = extraMillis(tool, n, scenario);
		return String.format(Locale.ROOT,
				"{\"tool\": \"%s\", \"n\": %d, \"scenario\": \"%s\", \"median_ms\": %.1f, \"min_ms\": %.1f,"
						+ " \"max_ms\": %.1f, \"extra_ms\": %s, \"samples_ms\": [%s]}",
				tool.id(), n, scenario.id(), medianMillis(tool, n, scenario), min(samples), max(samples),
				(extra != null) ? String.format(Locale.ROOT, "%.1f", extra) : "null",
				samples.stream()
					.map((sample) -> String.format(Locale.ROOT, "%.1f", sample))
					.collect(Collectors.joining(", ")));
	}

	private List<Double> samples(BootTool tool, int n, Scenario scenario) {
		return this.starts.stream()
			.filter((start) -> start.tool() == tool && start.n() == n && start.scenario() == scenario)
			.map(BootStart::readyMillis)
			.toList();
	}

	private String cell(BootTool tool, int n, Scenario scenario) {
		List<Double> samples = samples(tool, n, scenario);
		if (samples.isEmpty()) {
			return "—";
		}
		return ms(Summary.median(samples)) + " (" + ms(min(samples)) + "–" + ms(max(samples)) + ")";
	}

	/** Migrator's extra over another tool's; "—" unless both extras are positive. */
	private String ratio(BootTool other, int n, Scenario scenario) {
		Double migrator = extraMillis(BootTool.MIGRATOR, n, scenario);
		Double theirs = extraMillis(other, n, scenario);
		if (migrator == null || theirs == null || theirs <= 0) {
			return "—";
		}
		return String.format(Locale.ROOT, "%.2f", migrator / theirs);
	}

	private static double min(List<Double> samples) {
		return samples.stream().min(Comparator.naturalOrder()).orElse(-1.0);
	}

	private static double max(List<Double> samples) {
		return samples.stream().max(Comparator.naturalOrder()).orElse(-1.0);
	}

	private static String ms(double millis) {
		return String.format(Locale.ROOT, "%,.0f", millis);
	}

}
