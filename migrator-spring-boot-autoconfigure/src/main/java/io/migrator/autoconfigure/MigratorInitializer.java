package io.migrator.autoconfigure;

import java.time.Duration;

import io.migrator.autoconfigure.MigratorProperties.Mode;
import io.migrator.core.InfoResult;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.Migrator;
import io.migrator.core.Version;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * Brings the schema to the version this application needs at startup, as the first
 * {@link ApplicationRunner}. Spring Boot reports the application ready to accept traffic
 * only after its runners, so the readiness probe answers 503 until this is done, while
 * the web server is already up and the liveness probe answers 200: a long migration does
 * not get the process killed.
 * <ul>
 * <li>mode {@code migrate}: applies pending migrations up to the target;</li>
 * <li>mode {@code await}: never changes the schema, waits until it reaches the version
 * this application ships.</li>
 * </ul>
 * A failure is thrown out of the runner: the start fails, the context closes and the
 * process exits non-zero, with the failure reported once. When the schema is ready a
 * {@link SchemaMigratedEvent} is published.
 * <p>
 * {@link #initialize()} runs the work at most once, so it can also be triggered earlier,
 * while the context is refreshed (see {@link MigratorEarlyInitializer}).
 *
 * @since 0.1.0
 */
public class MigratorInitializer implements ApplicationRunner, Ordered, ApplicationEventPublisherAware {

	private final Migrator migrator;

	private final Mode mode;

	private final @Nullable Version target;

	private final Duration awaitTimeout;

	private final MigrationStatus status;

	private @Nullable ApplicationEventPublisher eventPublisher;

	private @Nullable SchemaMigratedEvent done;

	private boolean published;

	/**
	 * Create an initializer.
	 * @param migrator the migrator
	 * @param mode {@link Mode#MIGRATE} or {@link Mode#AWAIT}
	 * @param target the version to migrate or wait to, {@code null} for the latest script
	 * @param awaitTimeout how long await mode waits
	 * @param status where the outcome is reported for health probes
	 */
	public MigratorInitializer(Migrator migrator, Mode mode, @Nullable Version target, Duration awaitTimeout,
			MigrationStatus status) {
		Assert.notNull(migrator, "'migrator' must not be null");
		Assert.isTrue(mode != Mode.JOB, "'mode' must be migrate or await: job mode has its own runner");
		Assert.notNull(awaitTimeout, "'awaitTimeout' must not be null");
		Assert.notNull(status, "'status' must not be null");
		this.migrator = migrator;
		this.mode = mode;
		this.target = target;
		this.awaitTimeout = awaitTimeout;
		this.status = status;
	}

	/**
	 * Migrate or await the schema, unless that is already done.
	 * @throws MigrationException if the schema cannot be brought to the needed version
	 */
	public synchronized void initialize() {
		if (this.done != null) {
			return;
		}
		try {
			this.done = (this.mode == Mode.AWAIT) ? await() : migrate();
		}
		catch (MigrationException ex) {
			this.status.failed(ex);
			throw ex;
		}
	}

	private SchemaMigratedEvent migrate() {
		MigrateResult result = this.migrator.migrate(this.target);
		// The status is a listener of the auto-configured migrator; telling it again
		// keeps
		// health right for a user-defined Migrator bean too.
		this.status.migrateSucceeded(result);
		return new SchemaMigratedEvent(this.migrator, result.finalVersion(), result);
	}

	private SchemaMigratedEvent await() {
		// The status hears the wait even from a user-defined Migrator bean, which may not
		// have it as a listener.
		InfoResult info = this.migrator.awaitVersion(this.target, this.awaitTimeout, this.status);
		return new SchemaMigratedEvent(this.migrator, info.schemaVersion(), null);
	}

	@Override
	public void run(ApplicationArguments args) {
		initialize();
		publishOnce();
	}

	private synchronized void publishOnce() {
		if (!this.published && this.done != null && this.eventPublisher != null) {
			this.published = true;
			this.eventPublisher.publishEvent(this.done);
		}
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher eventPublisher) {
		this.eventPublisher = eventPublisher;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
