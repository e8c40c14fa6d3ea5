package io.migrator.core.contract;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.migrator.core.LockHolder;
import io.migrator.core.MigrationListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lines up two migrators with latches instead of sleeps: a peer that, once it holds the
 * lock, goes on only when a waiter waits for it, and that waiter, counting how its wait
 * went. With {@link #holdingAfterTheLastScript()} the peer also keeps the lock after its
 * last script until {@link #letThePeerGo()}, so the waiter sees the work done while the
 * lock is still taken.
 */
final class LockRace {

	private static final long TIMEOUT_SECONDS = 60;

	private final CountDownLatch peerHoldsLock = new CountDownLatch(1);

	private final CountDownLatch waiterWaits = new CountDownLatch(1);

	private final CountDownLatch peerMayGo = new CountDownLatch(1);

	private final boolean holdAfterLastScript;

	private final AtomicInteger waits = new AtomicInteger();

	private final AtomicInteger acquisitions = new AtomicInteger();

	private final AtomicInteger notNeeded = new AtomicInteger();

	private LockRace(boolean holdAfterLastScript) {
		this.holdAfterLastScript = holdAfterLastScript;
	}

	static LockRace releasingWhenDone() {
		return new LockRace(false);
	}

	static LockRace holdingAfterTheLastScript() {
		return new LockRace(true);
	}

	MigrationListener peer() {
		return new MigrationListener() {

			private boolean last;

			@Override
			public void lockAcquired(Duration waited) {
				LockRace.this.peerHoldsLock.countDown();
				await(LockRace.this.waiterWaits);
			}

			@Override
			public void scriptStarted(ScriptRun script, int index, int total) {
				this.last = index == total;
			}

			@Override
			public void scriptSucceeded(ScriptRun script, Duration duration) {
				if (this.last && LockRace.this.holdAfterLastScript) {
					await(LockRace.this.peerMayGo);
				}
			}

		};
	}

	MigrationListener waiter() {
		return new MigrationListener() {

			@Override
			public void lockWaiting(LockHolder holder, Duration waited) {
				LockRace.this.waits.incrementAndGet();
				LockRace.this.waiterWaits.countDown();
			}

			@Override
			public void lockAcquired(Duration waited) {
				LockRace.this.acquisitions.incrementAndGet();
			}

			@Override
			public void lockNotNeeded(Duration waited) {
				LockRace.this.notNeeded.incrementAndGet();
			}

		};
	}

	void awaitThePeerHoldingTheLock() throws InterruptedException {
		assertThat(this.peerHoldsLock.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
	}

	void letThePeerGo() {
		this.peerMayGo.countDown();
	}

	/**
	 * How often the waiter was told it waits for the lock.
	 * @return the count
	 */
	int waits() {
		return this.waits.get();
	}

	/**
	 * How often the waiter stopped waiting because the peer had done the work.
	 * @return the count
	 */
	int notNeeded() {
		return this.notNeeded.get();
	}

	/**
	 * How often the waiter took the lock.
	 * @return the count
	 */
	int acquisitions() {
		return this.acquisitions.get();
	}

	private static void await(CountDownLatch latch) {
		try {
			// Bounded, so a broken run fails the test instead of hanging the build.
			assertThat(latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the other side of the race arrived")
				.isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
