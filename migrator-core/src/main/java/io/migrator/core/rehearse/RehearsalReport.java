package io.migrator.core.rehearse;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.migrator.core.rehearse.RehearsalStep.Outcome;
import io.migrator.core.rehearse.RehearsalStep.Pass;

/**
 * What a rehearsal found: every step of its three passes, in the order they ran.
 *
 * @param database the scratch database it ran in (dropped since)
 * @param steps every step, in order
 * @param duration how long the whole rehearsal took
 * @since 0.3.0
 */
public record RehearsalReport(String database, List<RehearsalStep> steps, Duration duration) {

	public RehearsalReport {
		steps = List.copyOf(steps);
	}

	/**
	 * Whether every script ran and every undo restored the schema it should.
	 * @return whether there is no problem
	 */
	public boolean passed() {
		return this.steps.stream().noneMatch(RehearsalStep::isProblem);
	}

	/**
	 * The steps that failed or left the schema other than it should be.
	 * @return those steps, in order
	 */
	public List<RehearsalStep> problems() {
		return this.steps.stream().filter(RehearsalStep::isProblem).toList();
	}

	/**
	 * The report as a person reads it: one line with the outcome, then each problem, then
	 * the locks the first pass saw on relations that existed before each script.
	 * @return the text, several lines
	 */
	public String summary() {
		StringBuilder text = new StringBuilder();
		text.append("Rehearsal ")
			.append(passed() ? "passed" : "FAILED with " + problems().size() + " problem(s)")
			.append(": ")
			.append(count((step) -> step.pass() == Pass.UP && step.outcome() != Outcome.FAILED))
			.append(" applied, ")
			.append(count((step) -> step.pass() == Pass.DOWN && step.outcome() == Outcome.OK))
			.append(" undone and restored, ")
			.append(count((step) -> step.pass() == Pass.UP_AGAIN && step.outcome() == Outcome.OK))
			.append(" applied again, in ")
			.append(this.duration.toMillis())
			.append(" ms (scratch database ")
			.append(this.database)
			.append(", dropped)\n");
		for (RehearsalStep step : problems()) {
			text.append("  ").append(describe(step)).append('\n');
			for (SchemaDifference difference : step.differences()) {
				text.append("      ").append(step.script()).append(' ').append(difference.describe()).append('\n');
			}
		}
		this.steps.stream()
			.filter((step) -> step.outcome() == Outcome.NO_UNDO)
			.forEach((step) -> text.append("  Not undone below version ")
				.append(step.version())
				.append(": it has no undo script (U")
				.append(step.version())
				.append("__….sql), so the down pass stopped there\n"));
		boolean header = false;
		for (RehearsalStep step : this.steps) {
			if (step.locks().isEmpty()) {
				continue;
			}
			if (!header) {
				text.append("  Locks on relations that existed before each script:\n");
				header = true;
			}
			for (StatementLocks locks : step.locks()) {
				text.append("    ").append(step.script()).append(' ').append(locks.describe()).append('\n');
			}
		}
		return text.toString();
	}

	private static String describe(RehearsalStep step) {
		String pass = switch (step.pass()) {
			case UP -> "applying";
			case DOWN -> "undoing with";
			case UP_AGAIN -> "applying again after its undo";
		};
		if (step.outcome() == Outcome.FAILED) {
			return "FAILED " + pass + " " + step.script() + ": "
					+ String.valueOf(step.failure()).strip().replace("\n", "\n      ");
		}
		return switch (step.pass()) {
			case UP -> "MISMATCH after " + step.script();
			case DOWN ->
				"MISMATCH: " + step.script() + " does not restore the schema before version " + step.version() + ":";
			case UP_AGAIN -> "MISMATCH: " + step.script() + " applied again gives another schema than the first time:";
		};
	}

	private long count(Predicate<RehearsalStep> which) {
		return this.steps.stream().filter(which).count();
	}

}
