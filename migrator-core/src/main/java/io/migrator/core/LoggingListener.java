package io.migrator.core;

import java.time.Duration;
import java.util.List;

import io.migrator.core.lint.LintFinding;
import io.migrator.core.lint.LintReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs progress a person can follow: the lock wait and its holder, one line per script,
 * and a one-line summary. Failures are not logged here: the exception carries the full
 * message, and whoever catches it reports it once.
 */
final class LoggingListener implements MigrationListener {

	private static final Logger logger = LoggerFactory.getLogger("io.migrator");

	private int index;

	private int total;

	@Override
	public void lockWaiting(LockHolder holder, Duration waited) {
		logger.info("Waiting for the migration lock held by {} (waited {} so far)", holder, format(waited));
	}

	@Override
	public void lockAcquired(Duration waited) {
		if (waited.toMillis() >= 100) {
			logger.info("Acquired the migration lock after {}", format(waited));
		}
	}

	@Override
	public void lockNotNeeded(Duration waited) {
		logger.info("Another instance applied the pending migrations while this one waited {} for the lock",
				format(waited));
	}

	@Override
	public void planned(InfoResult info, int toRun) {
		if (toRun > 0) {
			logger.info("Schema is at version {}; applying {} migration{}", info.schemaVersion(), toRun,
					(toRun == 1) ? "" : "s");
		}
	}

	/**
	 * One line per unsuppressed finding, so each is seen where the deploy's log is read;
	 * suppressed ones only count in the summary.
	 */
	@Override
	public void linted(LintReport report) {
		List<LintFinding> open = report.unsuppressed();
		for (LintFinding finding : open) {
			logger.warn("Lint {} [{}]: {}", finding.level(), finding.rule().id(), finding.message());
		}
		if (!report.findings().isEmpty()) {
			logger.info("Lint: {} finding{} in {} script{}, {} suppressed", report.findings().size(),
					(report.findings().size() == 1) ? "" : "s", report.scriptsChecked(),
					(report.scriptsChecked() == 1) ? "" : "s", report.findings().size() - open.size());
		}
	}

	@Override
	public void scriptStarted(ScriptRun script, int index, int total) {
		this.index = index;
		this.total = total;
		if (!script.transactional()) {
			logger.info("Running {} ({}/{}): {} (not transactional)", script.label(), index, total,
					script.description());
		}
	}

	@Override
	public void scriptSucceeded(ScriptRun script, Duration duration) {
		String what = switch (script.type()) {
			case REPEATABLE -> "Applying repeatable";
			case UNDO -> "Undoing version " + script.version();
			default -> "Migrating schema to version " + script.version();
		};
		logger.info("{} ({}/{}): {} [{}]", what, this.index, this.total, script.description(), format(duration));
	}

	@Override
	public void migrateSucceeded(MigrateResult result) {
		if (result.applied().isEmpty()) {
			logger.info("Schema is up to date at version {} (checked in {})", result.finalVersion(),
					format(result.duration()));
		}
		else {
			logger.info("Migrated schema from version {} to {}: {} migration{} in {}", result.initialVersion(),
					result.finalVersion(), result.applied().size(), (result.applied().size() == 1) ? "" : "s",
					format(result.duration()));
		}
	}

	@Override
	public void undoSucceeded(MigrateResult result) {
		logger.info("Undid {} migration{}: schema went from version {} to {} in {}", result.applied().size(),
				(result.applied().size() == 1) ? "" : "s", result.initialVersion(), result.finalVersion(),
				format(result.duration()));
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 10_000) {
			return millis + " ms";
		}
		return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
	}

}
