package io.migrator.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.migrator.autoconfigure.MigratorProperties.Lint.Format;
import io.migrator.core.lint.LintFinding;
import io.migrator.core.lint.LintLevel;
import io.migrator.core.lint.LintReport;
import io.migrator.core.lint.LintRule;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code lint} job command prints: a table for people, JSON for scripts, SARIF
 * 2.1.0 for code scanning in CI. The JSON is written here rather than with a JSON library
 * so the starter adds none to an application; every string goes through
 * {@link Json#quote(String)}.
 */
final class LintOutput {

	private static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

	private LintOutput() {
	}

	static String render(LintReport report, Format format) {
		return switch (format) {
			case TEXT -> text(report);
			case JSON -> json(report);
			case SARIF -> sarif(report);
		};
	}

	static String text(LintReport report) {
		List<LintFinding> findings = report.findings();
		int suppressed = findings.size() - report.unsuppressed().size();
		StringBuilder text = new StringBuilder("Lint: ").append(report.scriptsChecked())
			.append((report.scriptsChecked() == 1) ? " script" : " scripts")
			.append(" checked, ")
			.append(findings.size())
			.append((findings.size() == 1) ? " finding" : " findings");
		if (suppressed > 0) {
			text.append(" (").append(suppressed).append(" suppressed)");
		}
		for (LintFinding finding : findings) {
			text.append("\n  ")
				.append(String.format(Locale.ROOT, "%-8s", finding.level()))
				.append(finding.rule().id())
				.append("  ")
				.append(finding.script())
				.append(':')
				.append(finding.line())
				.append("\n          ")
				.append(finding.message());
			if (finding.isSuppressed()) {
				text.append("\n          suppressed: ").append(finding.suppressedBecause());
			}
		}
		return text.toString();
	}

	static String json(LintReport report) {
		List<String> findings = new ArrayList<>();
		for (LintFinding finding : report.findings()) {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("rule", finding.rule().id());
			fields.put("level", finding.level().name().toLowerCase(Locale.ROOT));
			fields.put("script", finding.script());
			fields.put("line", finding.line());
			fields.put("message", finding.message());
			fields.put("safeAlternative", finding.rule().safeAlternative());
			fields.put("suppressed", finding.isSuppressed());
			fields.put("suppressedBecause", finding.suppressedBecause());
			findings.add(Json.object(fields));
		}
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("scriptsChecked", report.scriptsChecked());
		document.put("unsuppressed", report.unsuppressed().size());
		document.put("findings", new Json.Raw(Json.array(findings)));
		return Json.object(document);
	}

	static String sarif(LintReport report) {
		List<String> rules = Arrays.stream(LintRule.values()).map((rule) -> {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("id", rule.id());
			fields.put("shortDescription", new Json.Raw(Json.object(Map.of("text", rule.summary()))));
			fields.put("help", new Json.Raw(Json.object(Map.of("text", rule.safeAlternative()))));
			fields.put("defaultConfiguration", new Json.Raw(Json.object(Map.of("level", sarifLevel(rule.level())))));
			return Json.object(fields);
		}).toList();
		List<String> results = new ArrayList<>();
		for (LintFinding finding : report.findings()) {
			Map<String, Object> region = Map.of("startLine", Math.max(1, finding.line()));
			Map<String, Object> physical = new LinkedHashMap<>();
			physical.put("artifactLocation", new Json.Raw(Json.object(Map.of("uri", finding.script()))));
			physical.put("region", new Json.Raw(Json.object(region)));
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("ruleId", finding.rule().id());
			fields.put("level", sarifLevel(finding.level()));
			fields.put("message", new Json.Raw(Json.object(Map.of("text", finding.message()))));
			fields.put("locations", new Json.Raw(
					Json.array(List.of(Json.object(Map.of("physicalLocation", new Json.Raw(Json.object(physical))))))));
			if (finding.isSuppressed()) {
				Map<String, Object> suppression = new LinkedHashMap<>();
				suppression.put("kind", "inSource");
				suppression.put("justification", finding.suppressedBecause());
				fields.put("suppressions", new Json.Raw(Json.array(List.of(Json.object(suppression)))));
			}
			results.add(Json.object(fields));
		}
		Map<String, Object> driver = new LinkedHashMap<>();
		driver.put("name", "migrator");
		driver.put("rules", new Json.Raw(Json.array(rules)));
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("tool", new Json.Raw(Json.object(Map.of("driver", new Json.Raw(Json.object(driver))))));
		run.put("results", new Json.Raw(Json.array(results)));
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("$schema", SARIF_SCHEMA);
		document.put("version", "2.1.0");
		document.put("runs", new Json.Raw(Json.array(List.of(Json.object(run)))));
		return Json.object(document);
	}

	private static String sarifLevel(LintLevel level) {
		return switch (level) {
			case ERROR -> "error";
			case WARNING -> "warning";
			case ADVICE -> "note";
		};
	}

}
