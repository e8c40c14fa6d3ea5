package io.migrator.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.jspecify.annotations.Nullable;

/**
 * The results as Markdown tables: times with ratios, peak memory, growth per migration,
 * replicas against one runner, and whole-process times.
 *
 * @since 0.1.0
 */
public final class MarkdownReport {

	private final BenchmarkReport report;

	private final List<Summary> summaries;

	public MarkdownReport(BenchmarkReport report) {
		this.report = report;
		this.summaries = report.summaries();
	}

	/**
	 * Render the report.
	 * @param command how the run was started, for people to reproduce it
	 * @return the Markdown
	 */
	public String render(String command) {
		Environment env = this.report.environment();
		StringBuilder md = new StringBuilder();
		md.append("## migrator benchmark\n\n");
		md.append("- Machine: ")
			.append(env.cpus())
			.append(" CPUs, ")
			.append((env.memoryMb() >= 0) ? env.memoryMb() + " MiB memory, " : "")
			.append(env.os())
			.append('\n');
		md.append("- Database: ").append(env.database()).append("; runners: ").append(env.java()).append('\n');
		md.append("- Command: `").append(command).append("`\n");
		md.append("- Each number is the median of ")
			.append(this.report.options().repeat())
			.append(" runs in ms, (min–max); ratios compare medians of this run only. Whole run: ")
			.append(this.report.wallTime().toSeconds())
			.append(" s.\n");
		for (String skipped : this.report.skipped()) {
			md.append("- Not run: ").append(skipped).append('\n');
		}
		times(md);
		table(md, "Peak RSS (MiB, median of the runner's VmHWM; replicas8: the largest runner)", Summary::rssMb);
		table(md, "CPU (ms, median): every thread of the runner while the tool ran, JIT and GC included;"
				+ " replicas8: all runners", Summary::cpuMillis);
		growth(md);
		replicas(md);
		table(md, "Whole process (ms, median): JVM start to exit, pool opening included", Summary::processMillis);
		return md.toString();
	}

	private void times(StringBuilder md) {
		table(md,
				"Time (ms): the tool's own, from its entry call to its return\n\n"
						+ "`replicas8`: from releasing 8 runners at once to the last one's return.",
				Summary::medianMillis, (s) -> String.format(Locale.ROOT, "%s (%s–%s)", ms(s.medianMillis()),
						ms(s.minMillis()), ms(s.maxMillis())));
	}

	private void table(StringBuilder md, String heading, ToDoubleFunction<Summary> value) {
		table(md, heading, value, (s) -> (value.applyAsDouble(s) >= 0) ? ms(value.applyAsDouble(s)) : "—");
	}

	/**
	 * One cell per tool, then the ratios of its value: Flyway and Liquibase against
	 * migrator, migrator against the floor.
	 */
	private void table(StringBuilder md, String heading, ToDoubleFunction<Summary> value,
			Function<Summary, String> cell) {
		md.append("\n### ").append(heading).append("\n\n");
		md.append("| scenario | N | migrator | flyway | liquibase | jdbc | flyway/migrator | liquibase/migrator"
				+ " | migrator/jdbc |\n");
		md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
		for (Scenario scenario : scenarios()) {
			for (int n : sizes()) {
				md.append("| ").append(scenario.id()).append(" | ").append(n);
				for (Tool tool : Tool.values()) {
					Summary s = find(tool, n, scenario);
					md.append(" | ").append((s != null) ? cell.apply(s) : "—");
				}
				md.append(" | ").append(ratio(Tool.FLYWAY, Tool.MIGRATOR, n, scenario, value));
				md.append(" | ").append(ratio(Tool.LIQUIBASE, Tool.MIGRATOR, n, scenario, value));
				md.append(" | ").append(ratio(Tool.MIGRATOR, Tool.JDBC, n, scenario, value)).append(" |\n");
			}
		}
	}

	private void growth(StringBuilder md) {
		List<Integer> sizes = sizes();
		if (sizes.size() < 2) {
			return;
		}
		md.append("\n### Growth: median ms per migration\n\n");
		md.append("The last column divides the largest size's cost per migration by the next smaller one's.\n\n");
		md.append("| scenario | tool |");
		sizes.forEach((n) -> md.append(" N=").append(n).append(" |"));
		md.append(" N=")
			.append(sizes.get(sizes.size() - 1))
			.append(" / N=")
			.append(sizes.get(sizes.size() - 2))
			.append(" |\n|---|---|");
		sizes.forEach((n) -> md.append("---:|"));
		md.append("---:|\n");
		for (Scenario scenario : List.of(Scenario.COLD, Scenario.NOOP)) {
			if (!scenarios().contains(scenario)) {
				continue;
			}
			for (Tool tool : Tool.values()) {
				md.append("| ").append(scenario.id()).append(" | ").append(tool.id()).append(" |");
				for (int n : sizes) {
					Summary s = find(tool, n, scenario);
					md.append(' ')
						.append((s != null) ? String.format(Locale.ROOT, "%.3f", s.perMigrationMillis()) : "—")
						.append(" |");
				}
				Summary last = find(tool, sizes.get(sizes.size() - 1), scenario);
				Summary previous = find(tool, sizes.get(sizes.size() - 2), scenario);
				md.append(' ')
					.append((last != null && previous != null)
							? times(last.perMigrationMillis() / previous.perMigrationMillis()) : "—")
					.append(" |\n");
			}
		}
	}

	private void replicas(StringBuilder md) {
		if (!scenarios().contains(Scenario.REPLICAS8) || !scenarios().contains(Scenario.COLD)) {
			return;
		}
		md.append("\n### Replicas: replicas8 / cold (8 runners at once against one runner)\n\n");
		md.append("A runner that fails is started again at once, as Kubernetes restarts a crashed pod;"
				+ " restarts are counted over all repetitions.\n\n");
		md.append("| N | migrator | flyway | liquibase | jdbc |\n|---:|---:|---:|---:|---:|\n");
		for (int n : sizes()) {
			md.append("| ").append(n);
			for (Tool tool : Tool.values()) {
				Summary replicas = find(tool, n, Scenario.REPLICAS8);
				Summary cold = find(tool, n, Scenario.COLD);
				md.append(" | ")
					.append((replicas != null && cold != null) ? times(replicas.medianMillis() / cold.medianMillis())
							: "—");
				if (replicas != null && replicas.restarts() > 0) {
					md.append(" (").append(replicas.restarts()).append(" restarts)");
				}
			}
			md.append(" |\n");
		}
	}

	private String ratio(Tool top, Tool bottom, int n, Scenario scenario, ToDoubleFunction<Summary> value) {
		Summary a = find(top, n, scenario);
		Summary b = find(bottom, n, scenario);
		if (a == null || b == null || value.applyAsDouble(a) <= 0 || value.applyAsDouble(b) <= 0) {
			return "—";
		}
		return times(value.applyAsDouble(a) / value.applyAsDouble(b));
	}

	private static String times(double ratio) {
		return String.format(Locale.ROOT, "%.2f×", ratio);
	}

	private static String ms(double millis) {
		return (millis >= 100) ? String.format(Locale.ROOT, "%,.0f", millis)
				: String.format(Locale.ROOT, "%.1f", millis);
	}

	private @Nullable Summary find(Tool tool, int n, Scenario scenario) {
		for (Summary summary : this.summaries) {
			if (summary.tool() == tool && summary.n() == n && summary.scenario() == scenario) {
				return summary;
			}
		}
		return null;
	}

	private List<Integer> sizes() {
		return new ArrayList<>(this.report.options().sizes());
	}

	private List<Scenario> scenarios() {
		return this.report.options().scenarios();
	}

}
