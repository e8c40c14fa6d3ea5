package io.migrator.core.internal.lock;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;

import io.migrator.core.LockHolder;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;

/**
 * Waits for a lock by polling, never by blocking in the database:
 * <ol>
 * <li>try once; done if it is ours;</li>
 * <li>otherwise ask who holds it and report that, at once and then every
 * {@link #REPORT_INTERVAL};</li>
 * <li>sleep with a backoff that starts short (a peer's quick no-op run is over in
 * milliseconds) and grows to 200 ms;</li>
 * <li>before each further try, ask the {@link WaitCheck} whether the holder has done the
 * work already: if so, stop waiting without taking the lock;</li>
 * <li>give up after the wait timeout with a message that names the holder and the
 * setting.</li>
 * </ol>
 * Polling keeps this connection idle between tries, so it never sits in a lock queue
 * where it could block or deadlock other sessions.
 */
public final class LockPoller {

	/** How often a waiting migrator reports the holder again. */
	public static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

	static final long FIRST_SLEEP_MILLIS = 10;

	/**
	 * Short, because replicas that queue behind a peer should see it finish soon after it
	 * does, and a round costs two tiny queries.
	 */
	static final long MAX_SLEEP_MILLIS = 200;

	private final Clock clock;

	private final Duration waitTimeout;

	private final BiConsumer<LockHolder, Duration> waiting;

	private final Sleeper sleeper;

	/**
	 * @param clock measures the wait
	 * @param waitTimeout how long to wait at most
	 * @param waiting told who holds the lock and how long we waited, while waiting
	 */
	public LockPoller(Clock clock, Duration waitTimeout, BiConsumer<LockHolder, Duration> waiting) {
		this(clock, waitTimeout, waiting, Thread::sleep);
	}

	LockPoller(Clock clock, Duration waitTimeout, BiConsumer<LockHolder, Duration> waiting, Sleeper sleeper) {
		this.clock = clock;
		this.waitTimeout = waitTimeout;
		this.waiting = waiting;
		this.sleeper = sleeper;
	}

	/**
	 * Poll until the lock is ours, or until the check finds the work done.
	 * @param attempt the database-specific try
	 * @param what what the lock protects, for messages
	 * @param check asked before each try after the first, {@link WaitCheck#NEVER} to
	 * always take the lock
	 * @return how the wait ended and how long it took
	 * @throws MigrationException with reason {@code LOCK_TIMEOUT} after the wait timeout,
	 * or {@code DATABASE} if the database fails or the thread is interrupted
	 */
	public Wait acquire(DatabaseLock attempt, String what, WaitCheck check) {
		Instant start = this.clock.instant();
		Instant nextReport = start;
		long sleep = FIRST_SLEEP_MILLIS;
		LockHolder holder = LockHolder.UNKNOWN;
		try {
			if (attempt.tryAcquire()) {
				// Free at once: no wait, whatever the first round trip cost.
				return new Wait(Duration.ZERO, true);
			}
			while (true) {
				Instant now = this.clock.instant();
				Duration waited = Duration.between(start, now);
				if (!now.isBefore(nextReport)) {
					holder = attempt.holder();
					this.waiting.accept(holder, waited);
					nextReport = now.plus(REPORT_INTERVAL);
				}
				if (waited.compareTo(this.waitTimeout) >= 0) {
					throw new MigrationException(Reason.LOCK_TIMEOUT, "Timed out after " + format(waited)
							+ " waiting for the migration lock on " + what + ", held by " + holder
							+ ". If that migration is still running, let it finish or raise migrator.lock.wait-timeout;"
							+ " if its process is gone, the lock is released as soon as its database session ends"
							+ " (pg_terminate_backend(pid) ends it at once)");
				}
				this.sleeper.sleep(Math.min(sleep, Math.max(1, this.waitTimeout.minus(waited).toMillis())));
				sleep = Math.min(MAX_SLEEP_MILLIS, sleep * 2);
				// Checked before the try, so a holder that finished is seen without
				// taking the lock after it.
				if (workDone(check, what)) {
					return new Wait(Duration.between(start, this.clock.instant()), false);
				}
				if (attempt.tryAcquire()) {
					return new Wait(Duration.between(start, this.clock.instant()), true);
				}
			}
		}
		catch (SQLException ex) {
			throw new MigrationException(Reason.DATABASE,
					"Cannot take the migration lock on " + what + ": " + ex.getMessage(), null, 0, ex.getSQLState(),
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MigrationException(Reason.DATABASE, "Interrupted while waiting for the migration lock on " + what,
					ex);
		}
	}

	private static boolean workDone(WaitCheck check, String what) {
		try {
			return check.workDone();
		}
		catch (SQLException ex) {
			throw new MigrationException(Reason.DATABASE,
					"Cannot read " + what + " while waiting for the migration lock: " + ex.getMessage(), null, 0,
					ex.getSQLState(), ex);
		}
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis < 10_000) ? millis + " ms" : duration.toSeconds() + " s";
	}

	/**
	 * How a wait ended.
	 *
	 * @param waited how long it took
	 * @param acquired whether the lock is now held; {@code false} when the
	 * {@link WaitCheck} found the work done
	 */
	public record Wait(Duration waited, boolean acquired) {

	}

	/**
	 * Sleeps between two tries; tests pass one that does not.
	 */
	@FunctionalInterface
	interface Sleeper {

		void sleep(long millis) throws InterruptedException;

	}

}
