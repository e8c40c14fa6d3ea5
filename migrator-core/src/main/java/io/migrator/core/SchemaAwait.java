package io.migrator.core;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import io.migrator.core.MigrationException.Reason;
import io.migrator.core.internal.plan.Plan;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, without the lock and without changing anything, until the schema reaches the
 * version this application needs:
 * <ol>
 * <li>open the session and scan and hash the scripts once;</li>
 * <li>count the ledger's rows, one tiny query that raises no error while the table does
 * not exist; read the whole ledger and plan only when the count changed;</li>
 * <li>reached when the schema is at or ahead of the goal (the latest script, or the
 * target) and applied what this application ships; a version applied from other content
 * fails at once, since waiting cannot fix it;</li>
 * <li>otherwise poll again with a growing pause; a database that cannot be reached counts
 * as not migrated yet, and is connected to again;</li>
 * <li>after the timeout, fail with what was last seen and what to check.</li>
 * </ol>
 */
final class SchemaAwait {

	private static final Logger logger = LoggerFactory.getLogger(Migrator.class);

	private static final Duration FIRST_PAUSE = Duration.ofMillis(250);

	private static final Duration MAX_PAUSE = Duration.ofSeconds(2);

	private final Listeners listeners;

	private final CommandTemplate commands;

	private final @Nullable Version target;

	private final Duration timeout;

	private final long deadline;

	private Duration pause = FIRST_PAUSE;

	private @Nullable InfoResult lastSeen;

	private @Nullable Version lastGoal;

	private boolean logged;

	SchemaAwait(Listeners listeners, CommandTemplate commands, @Nullable Version target, Duration timeout) {
		this.listeners = listeners;
		this.commands = commands;
		this.target = target;
		this.timeout = timeout;
		this.deadline = System.nanoTime() + timeout.toNanos();
	}

	InfoResult await() {
		while (true) {
			try {
				return this.commands.run(Command.AWAIT, this::poll);
			}
			catch (MigrationException ex) {
				if (ex.reason() != Reason.CONNECTION) {
					throw ex;
				}
				this.lastSeen = null;
				if (!this.logged) {
					this.logged = true;
					logger.info("Waiting up to {} for the schema (the database cannot be reached yet: {})"
							+ " (migrator.mode=await)", this.timeout, ex.getMessage());
				}
				pauseOrGiveUp(ex);
			}
		}
	}

	/** Polls on one session until the schema is reached or the time is up. */
	private InfoResult poll(CommandTemplate.Run run) throws SQLException {
		long seenRows = Long.MIN_VALUE;
		InfoResult info = null;
		while (true) {
			long rows = run.db().history.count(run.db().connection);
			if (info == null || rows != seenRows) {
				seenRows = rows;
				Plan plan = Plan.of(run.catalog(), (rows >= 0) ? run.db().history.read(run.db().connection) : null);
				info = plan.info();
				Version goal = plan.goal(this.target);
				if (isReached(info, goal)) {
					this.listeners.awaited(info);
					return info;
				}
				this.lastSeen = info;
				this.lastGoal = goal;
				logOnce(goal);
			}
			this.listeners.awaiting(info);
			pauseOrGiveUp(null);
		}
	}

	/**
	 * Reached when the schema is at or ahead of the goal and what was applied is what
	 * this application ships: a version applied from other content means the job and this
	 * application are not the same release, which waiting cannot fix.
	 */
	private static boolean isReached(InfoResult info, Version goal) {
		if (!info.schemaVersion().isAtLeast(goal)) {
			return false;
		}
		List<String> differing = info.inState(MigrationState.MODIFIED)
			.stream()
			.filter((migration) -> migration.version() != null && goal.isAtLeast(migration.version()))
			.map((migration) -> "version " + migration.version() + " (" + migration.script() + ")")
			.toList();
		if (!differing.isEmpty()) {
			throw new MigrationException(Reason.VALIDATION, "The database is at version " + info.schemaVersion()
					+ ", but it applied " + String.join(", ", differing) + " from other content than this application"
					+ " ships (the checksums differ). The migration job and this application must be the same release:"
					+ " deploy the matching image, or, if the edit was harmless, run the job with migrator.command=repair");
		}
		return true;
	}

	private void logOnce(Version goal) {
		if (!this.logged) {
			this.logged = true;
			logger.info("Waiting up to {} for the schema to reach version {} (migrator.mode=await)", this.timeout,
					goal);
		}
	}

	private void pauseOrGiveUp(@Nullable MigrationException unreachable) {
		long left = this.deadline - System.nanoTime();
		if (left <= 0) {
			throw timeout(unreachable);
		}
		try {
			Thread.sleep(Math.max(1, Duration.ofNanos(Math.min(this.pause.toNanos(), left)).toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationException(Reason.AWAIT_TIMEOUT,
					"Interrupted while waiting for the schema to be migrated", ex);
		}
		this.pause = this.pause.multipliedBy(2);
		if (this.pause.compareTo(MAX_PAUSE) > 0) {
			this.pause = MAX_PAUSE;
		}
	}

	private MigrationException timeout(@Nullable MigrationException unreachable) {
		String next = " Check that the migration job ran and succeeded (java -jar app.jar --migrator.mode=job) and"
				+ " that this application and the job use the same database, or raise migrator.await.timeout.";
		InfoResult info = this.lastSeen;
		Version goal = this.lastGoal;
		if (info == null || goal == null) {
			return new MigrationException(Reason.AWAIT_TIMEOUT,
					"Waited " + this.timeout
							+ " (migrator.await.timeout) for the schema, but the database could not be reached: "
							+ ((unreachable != null) ? unreachable.getMessage() : "no answer") + "." + next,
					unreachable);
		}
		return new MigrationException(Reason.AWAIT_TIMEOUT,
				"Waited " + this.timeout + " (migrator.await.timeout) for the schema to reach version " + goal
						+ ", but it is at version " + info.schemaVersion()
						+ ((info.historyExists()) ? "" : " (there is no history table yet)") + " with "
						+ info.pendingCount() + " migration(s) pending." + next);
	}

}
