package io.migrator.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.migrator.autoconfigure.MigratorProperties.Rehearsal.Format;
import io.migrator.core.rehearse.RehearsalReport;
import io.migrator.core.rehearse.RehearsalStep;
import io.migrator.core.rehearse.RelationLock;
import io.migrator.core.rehearse.SchemaDifference;
import io.migrator.core.rehearse.StatementLocks;

/**
 * What the {@code rehearse} job command prints: the report's summary for people, or one
 * JSON document with every step for CI.
 */
final class RehearsalOutput {

	private RehearsalOutput() {
	}

	static String render(RehearsalReport report, Format format) {
		return switch (format) {
			case TEXT -> report.summary().stripTrailing();
			case JSON -> json(report);
		};
	}

	static String json(RehearsalReport report) {
		List<String> steps = new ArrayList<>();
		for (RehearsalStep step : report.steps()) {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("pass", lower(step.pass()));
			fields.put("version", step.version().toString());
			fields.put("script", step.script());
			fields.put("outcome", lower(step.outcome()));
			fields.put("millis", step.duration().toMillis());
			fields.put("failure", step.failure());
			fields.put("differences",
					new Json.Raw(Json.array(step.differences().stream().map(RehearsalOutput::difference).toList())));
			fields.put("locks", new Json.Raw(Json.array(step.locks().stream().map(RehearsalOutput::locks).toList())));
			steps.add(Json.object(fields));
		}
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("passed", report.passed());
		document.put("problems", report.problems().size());
		document.put("database", report.database());
		document.put("millis", report.duration().toMillis());
		document.put("steps", new Json.Raw(Json.array(steps)));
		return Json.object(document);
	}

	private static String difference(SchemaDifference difference) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("kind", difference.kind());
		fields.put("name", difference.name());
		fields.put("expected", difference.expected());
		fields.put("actual", difference.actual());
		fields.put("message", difference.describe());
		return Json.object(fields);
	}

	private static String locks(StatementLocks statement) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("line", statement.line());
		fields.put("command", statement.command());
		fields.put("observed", statement.observed());
		List<String> locks = new ArrayList<>();
		for (RelationLock lock : statement.locks()) {
			locks.add(Json.object(Map.of("relation", lock.relation(), "mode", lock.mode())));
		}
		fields.put("locks", new Json.Raw(Json.array(locks)));
		fields.put("rewritten", new Json.Raw(Json.array(statement.rewritten().stream().map(Json::quote).toList())));
		return Json.object(fields);
	}

	private static String lower(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
