package io.migrator.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.migrator.core.InfoResult;
import io.migrator.core.MigrationState;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.Migrator;
import io.migrator.core.Version;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Await mode: waits, without changing anything, until the schema reaches the version this
 * application needs.
 * <ol>
 * <li>read the state with {@link Migrator#info()} (no lock, no DDL, the history table is
 * never created);</li>
 * <li>stop when the schema is at or ahead of the latest script this application ships (or
 * the target, when one is set);</li>
 * <li>otherwise poll again, with a growing pause, until the timeout passes; a database
 * that cannot be reached yet counts as not migrated yet;</li>
 * <li>then fail with what was last seen and what to check.</li>
 * </ol>
 */
final class SchemaAwaiter {

	private static final Log logger = LogFactory.getLog(SchemaAwaiter.class);

	private static final Duration FIRST_PAUSE = Duration.ofMillis(500);

	private static final Duration MAX_PAUSE = Duration.ofSeconds(5);

	private final Migrator migrator;

	private final @Nullable Version target;

	private final Duration timeout;

	private final MigrationStatus status;

	SchemaAwaiter(Migrator migrator, @Nullable Version target, Duration timeout, MigrationStatus status) {
		this.migrator = migrator;
		this.target = target;
		this.timeout = timeout;
		this.status = status;
	}

	InfoResult await() {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Duration pause = FIRST_PAUSE;
		boolean logged = false;
		while (true) {
			InfoResult info = null;
			MigrationException unreachable = null;
			try {
				info = this.migrator.info();
			}
			catch (MigrationException ex) {
				if (ex.reason() != Reason.CONNECTION) {
					throw ex;
				}
				unreachable = ex;
			}
			if (info != null && isReached(info)) {
				this.status.awaited(info);
				return info;
			}
			if (info != null) {
				this.status.awaiting(info);
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw timeout(info, unreachable);
			}
			if (!logged) {
				logger.info("Waiting up to " + this.timeout + " for the schema to reach version "
						+ ((info != null) ? awaited(info) : "(unknown: the database cannot be reached yet)")
						+ " (migrator.mode=await)");
				logged = true;
			}
			sleep(Math.min(pause.toNanos(), left));
			pause = pause.multipliedBy(2);
			if (pause.compareTo(MAX_PAUSE) > 0) {
				pause = MAX_PAUSE;
			}
		}
	}

	/**
	 * Reached when the schema is at or ahead of the awaited version and what was applied
	 * is what this application ships: a version applied from other content means the job
	 * and this application are not the same release, which waiting cannot fix.
	 */
	private boolean isReached(InfoResult info) {
		Version awaited = awaited(info);
		if (!info.schemaVersion().isAtLeast(awaited)) {
			return false;
		}
		List<String> differing = info.inState(MigrationState.MODIFIED)
			.stream()
			.filter((migration) -> migration.version() != null && awaited.isAtLeast(migration.version()))
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

	private Version awaited(InfoResult info) {
		Version latest = info.expectedVersion();
		return (this.target != null && latest.isNewerThan(this.target)) ? this.target : latest;
	}

	private MigrationException timeout(@Nullable InfoResult info, @Nullable MigrationException unreachable) {
		String next = " Check that the migration job ran and succeeded (java -jar app.jar --migrator.mode=job) and"
				+ " that this application and the job use the same database, or raise migrator.await.timeout.";
		if (info == null) {
			return new MigrationException(Reason.AWAIT_TIMEOUT,
					"Waited " + this.timeout
							+ " (migrator.await.timeout) for the schema, but the database could not be reached: "
							+ ((unreachable != null) ? unreachable.getMessage() : "no answer") + "." + next,
					unreachable);
		}
		return new MigrationException(Reason.AWAIT_TIMEOUT,
				"Waited " + this.timeout + " (migrator.await.timeout) for the schema to reach version " + awaited(info)
						+ ", but it is at version " + info.schemaVersion()
						+ ((info.historyExists()) ? "" : " (there is no history table yet)") + " with "
						+ info.pendingCount() + " migration(s) pending." + next);
	}

	private static void sleep(long nanos) {
		try {
			Thread.sleep(Duration.ofNanos(nanos).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationException(Reason.AWAIT_TIMEOUT,
					"Interrupted while waiting for the schema to be migrated", ex);
		}
	}

}
