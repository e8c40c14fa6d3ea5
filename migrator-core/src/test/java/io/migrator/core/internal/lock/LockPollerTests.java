package io.migrator.core.internal.lock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.migrator.core.LockHolder;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The polling, on a clock that the sleeps move forward: no real time passes.
 */
class LockPollerTests {

	private final TestClock clock = new TestClock();

	private final List<String> events = new ArrayList<>();

	private final List<Long> sleeps = new ArrayList<>();

	private final List<Duration> reported = new ArrayList<>();

	@Test
	void theFirstTryIsImmediate() {
		LockPoller.Wait wait = poller(Duration.ofSeconds(1)).acquire(new TestLock(1), "history", this::checked);
		assertThat(wait).isEqualTo(new LockPoller.Wait(Duration.ZERO, true));
		assertThat(this.events).containsExactly("try");
		assertThat(this.sleeps).isEmpty();
		assertThat(this.reported).isEmpty();
	}

	@Test
	void backsOffFromTenMillisecondsAndSleepsAtMost200BetweenTries() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> poller(Duration.ofSeconds(2)).acquire(new TestLock(0), "history", WaitCheck.NEVER))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.LOCK_TIMEOUT))
			.withMessageContaining("Timed out after 2000 ms waiting for the migration lock on history");
		List<Long> expected = new ArrayList<>(List.of(10L, 20L, 40L, 80L, 160L));
		expected.addAll(Collections.nCopies(8, 200L));
		// The last sleep ends at the wait timeout.
		expected.add(90L);
		assertThat(this.sleeps).containsExactlyElementsOf(expected);
	}

	@Test
	void takesTheLockOnceItIsFree() {
		LockPoller.Wait wait = poller(Duration.ofSeconds(1)).acquire(new TestLock(3), "history", this::checked);
		assertThat(wait).isEqualTo(new LockPoller.Wait(Duration.ofMillis(30), true));
		assertThat(this.events).containsExactly("try", "check", "try", "check", "try");
	}

	@Test
	void stopsWaitingWithoutTheLockWhenTheCheckFindsTheWorkDone() {
		WaitCheck doneAtTheThirdCheck = () -> {
			checked();
			return this.events.stream().filter("check"::equals).count() == 3;
		};
		LockPoller.Wait wait = poller(Duration.ofSeconds(1)).acquire(new TestLock(0), "history", doneAtTheThirdCheck);
		assertThat(wait).isEqualTo(new LockPoller.Wait(Duration.ofMillis(70), false));
		assertThat(this.events).containsExactly("try", "check", "try", "check", "try", "check");
	}

	@Test
	void reportsTheHolderAtOnceAndThenEveryTenSeconds() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> poller(Duration.ofSeconds(25)).acquire(new TestLock(0), "history", WaitCheck.NEVER))
			.withMessageContaining("held by another migrator");
		assertThat(this.reported).containsExactly(Duration.ZERO, Duration.ofMillis(10_110), Duration.ofMillis(20_110));
	}

	private LockPoller poller(Duration waitTimeout) {
		return new LockPoller(this.clock, waitTimeout, (holder, waited) -> this.reported.add(waited), (millis) -> {
			this.sleeps.add(millis);
			this.clock.advance(millis);
		});
	}

	private boolean checked() {
		this.events.add("check");
		return false;
	}

	/**
	 * Free at a given try, 0 for never.
	 */
	private final class TestLock implements DatabaseLock {

		private final int freeAt;

		private int tries;

		TestLock(int freeAt) {
			this.freeAt = freeAt;
		}

		@Override
		public boolean tryAcquire() {
			LockPollerTests.this.events.add("try");
			return ++this.tries == this.freeAt;
		}

		@Override
		public LockHolder holder() {
			return LockHolder.UNKNOWN;
		}

		@Override
		public void close() {
		}

	}

	private static final class TestClock extends Clock {

		private Instant now = Instant.parse("2024-05-01T10:00:00Z");

		void advance(long millis) {
			this.now = this.now.plusMillis(millis);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
