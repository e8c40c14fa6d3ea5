package io.migrator.actuate.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.migrator.autoconfigure.MigrationStatus;
import io.migrator.autoconfigure.MigratorAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@code migrator.*} Micrometer meters.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, MigrationStatus.class })
public final class MigratorMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MigratorMetricsListener migratorMetricsListener(MeterRegistry meterRegistry, MigrationStatus migrationStatus) {
		return new MigratorMetricsListener(meterRegistry, migrationStatus);
	}

}
