package io.migrator.actuate.metrics;

import io.micrometer.observation.ObservationRegistry;
import io.migrator.autoconfigure.MigrationStatus;
import io.migrator.autoconfigure.MigratorAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@code migrator.run} and {@code migrator.script}
 * observations.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, MigrationStatus.class })
public final class MigratorObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigratorObservationListener migratorObservationListener(ObservationRegistry observationRegistry) {
		return new MigratorObservationListener(observationRegistry);
	}

}
