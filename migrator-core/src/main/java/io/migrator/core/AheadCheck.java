package io.migrator.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.migrator.core.internal.plan.Plan;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code migrate}'s lock-free first step, run ahead of it on another thread while the
 * application starts, so that a start with nothing to migrate pays nothing once it calls
 * {@code migrate}:
 * <ol>
 * <li>{@link #run} registers the check at once, then opens a session on the executor,
 * scans the scripts and reads the ledger as {@code migrate} does first: without the lock,
 * and without changing anything;</li>
 * <li>the next {@code migrate} for the same target takes its answer: when nothing was
 * pending and nothing was wrong, it reports that at once, without connecting; otherwise,
 * or when the check failed, it runs in full as if there had been no check;</li>
 * <li>a {@code migrate} that comes while the check runs waits for it, since that is
 * sooner than starting over;</li>
 * <li>an answer is taken once, and only within {@link #VALID_FOR} of the check: it is a
 * snapshot, as {@code migrate}'s own check is, only taken a little earlier.</li>
 * </ol>
 */
final class AheadCheck {

	/** How long an answer stands for the start it was taken for. */
	static final Duration VALID_FOR = Duration.ofMinutes(1);

	private static final Logger logger = LoggerFactory.getLogger(Migrator.class);

	private final AtomicReference<@Nullable CompletableFuture<@Nullable Answer>> latest = new AtomicReference<>();

	private final Clock clock;

	AheadCheck(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Register the check, then run it on the executor.
	 * @param target the target the coming {@code migrate} is for
	 * @param check the plan when {@code migrate} would have nothing to do, else
	 * {@code null}
	 * @param executor where the check runs
	 * @return completes with whether {@code migrate} will have nothing to do
	 */
	CompletableFuture<Boolean> run(@Nullable Version target, Supplier<@Nullable Plan> check, Executor executor) {
		CompletableFuture<@Nullable Answer> answer = new CompletableFuture<>();
		this.latest.set(answer);
		try {
			executor.execute(() -> answer.complete(check(target, check)));
		}
		catch (RuntimeException ex) {
			answer.complete(null);
		}
		return answer.thenApply(Objects::nonNull);
	}

	private @Nullable Answer check(@Nullable Version target, Supplier<@Nullable Plan> check) {
		Instant start = this.clock.instant();
		try {
			Plan plan = check.get();
			Instant end = this.clock.instant();
			return (plan != null) ? new Answer(target, plan, end, Duration.between(start, end)) : null;
		}
		catch (RuntimeException ex) {
			// migrate runs in full and reports whatever this was, with its own context.
			logger.debug("The check ahead of migrate failed; migrate will check again", ex);
			return null;
		}
	}

	/**
	 * The answer for a {@code migrate} that starts now, waiting for a check that runs.
	 * @param target the target of the {@code migrate}
	 * @return the answer when that {@code migrate} has nothing to do, else {@code null}
	 */
	@Nullable Answer take(@Nullable Version target) {
		CompletableFuture<@Nullable Answer> pending = this.latest.getAndSet(null);
		Answer answer = (pending != null) ? pending.join() : null;
		if (answer == null || !Objects.equals(answer.target(), target)
				|| this.clock.instant().isAfter(answer.checkedAt().plus(VALID_FOR))) {
			return null;
		}
		return answer;
	}

	/**
	 * What a check found when there is nothing to do.
	 *
	 * @param target the target it checked for
	 * @param plan the plan it read
	 * @param checkedAt when it finished
	 * @param took how long it took
	 */
	record Answer(@Nullable Version target, Plan plan, Instant checkedAt, Duration took) {

	}

}
