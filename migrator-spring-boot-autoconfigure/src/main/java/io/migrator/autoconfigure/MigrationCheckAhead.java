package io.migrator.autoconfigure;

import io.migrator.autoconfigure.MigratorProperties.Mode;
import io.migrator.core.Migrator;
import io.migrator.core.Version;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;

/**
 * Starts {@link Migrator#checkAhead migrate's check} on a thread of its own as soon as
 * the migrator exists, in mode {@code migrate}, so that it runs while the rest of the
 * context starts: when the schema is current, the {@link MigratorInitializer}'s
 * {@code migrate} then finds the answer waiting and the application is ready as soon as
 * its context is. Only the lock-free read is done ahead; anything to migrate is still
 * migrated by the runner, with liveness up and readiness refusing traffic.
 *
 * @since 0.3.0
 */
public final class MigrationCheckAhead implements InitializingBean {

	private final Migrator migrator;

	private final Mode mode;

	private final @Nullable Version target;

	public MigrationCheckAhead(Migrator migrator, Mode mode, @Nullable Version target) {
		Assert.notNull(migrator, "'migrator' must not be null");
		Assert.notNull(mode, "'mode' must not be null");
		this.migrator = migrator;
		this.mode = mode;
		this.target = target;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.mode == Mode.MIGRATE) {
			this.migrator.checkAhead(this.target, (check) -> {
				Thread thread = new Thread(check, "migrator-check-ahead");
				// Never holds the JVM open: a start that fails before the runner just
				// exits.
				thread.setDaemon(true);
				thread.start();
			});
		}
	}

}
