package io.migrator.autoconfigure;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;

/**
 * Runs the {@link MigratorInitializer} while the context is refreshed, for applications
 * with a JPA {@code EntityManagerFactory}. Hibernate checks the schema while the context
 * is refreshed ({@code spring.jpa.hibernate.ddl-auto=validate}), before any application
 * runner, so the schema has to be there first: the auto-configuration makes every
 * {@code EntityManagerFactory} depend on this bean (and nothing else, so an application
 * without JPA never creates it).
 * <p>
 * The trade-off: the web server starts at the end of the refresh, so while this migration
 * runs neither probe is served. Readiness is not observable as 503 (the port is closed,
 * which a probe counts as not ready, so traffic is still held back), and liveness is not
 * 200 either: give the liveness probe an initial delay or a {@code startupProbe} longer
 * than your longest migration, or run long migrations as a job
 * ({@code migrator.mode=job}) and let replicas use {@code migrator.mode=await}. The
 * {@link SchemaMigratedEvent} is still published after the refresh, by the runner.
 *
 * @since 0.1.0
 */
public final class MigratorEarlyInitializer implements InitializingBean {

	private final MigratorInitializer initializer;

	public MigratorEarlyInitializer(MigratorInitializer initializer) {
		Assert.notNull(initializer, "'initializer' must not be null");
		this.initializer = initializer;
	}

	@Override
	public void afterPropertiesSet() {
		MigrationStartupException.reporting(() -> {
			this.initializer.initialize();
			return null;
		});
	}

}
