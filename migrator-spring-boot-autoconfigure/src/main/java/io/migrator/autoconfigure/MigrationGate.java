package io.migrator.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Lets background work wait for the schema. Scheduled tasks, message listeners and other
 * work that the context starts before the startup migration is done (a {@code @Scheduled}
 * method runs as soon as the context is refreshed, before application runners) should
 * check {@link #isMigrated()} and skip a run, or block in
 * {@link #awaitMigrated(Duration)}.
 * <p>
 * The gate opens with the {@link SchemaMigratedEvent}. It never opens in job mode, and a
 * start that fails closes the context, which releases every waiter with {@code false}.
 *
 * @since 0.1.0
 */
public final class MigrationGate implements SmartApplicationListener, ApplicationContextAware {

	private final CountDownLatch released = new CountDownLatch(1);

	private volatile boolean migrated;

	private @Nullable ApplicationContext context;

	/**
	 * Whether the schema is at the version this application needs.
	 * @return whether the migration is done
	 */
	public boolean isMigrated() {
		return this.migrated;
	}

	/**
	 * Wait until the migration is done, the application shuts down, or the timeout
	 * passes.
	 * @param timeout how long to wait at most
	 * @return whether the migration is done
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	public boolean awaitMigrated(Duration timeout) throws InterruptedException {
		this.released.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
		return this.migrated;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return SchemaMigratedEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof SchemaMigratedEvent) {
			this.migrated = true;
			this.released.countDown();
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context) {
			// A child context (such as a separate management server) closing is not our
			// shutdown.
			this.released.countDown();
		}
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public boolean supportsSourceType(@Nullable Class<?> sourceType) {
		return true;
	}

}
