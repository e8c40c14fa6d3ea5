package io.migrator.actuate.health;

import io.migrator.autoconfigure.MigrationStatus;
import io.migrator.autoconfigure.MigratorAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for the {@code migrator} health component and its place in the
 * {@code readiness} group.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class,
		afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(MigrationStatus.class)
public final class MigratorHealthContributorAutoConfiguration {

	/**
	 * Nested, so that the condition's own class (in spring-boot-health) is only loaded
	 * once the outer condition found spring-boot-health.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("migrator")
	static class MigratorHealthIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "migratorHealthIndicator")
		MigratorHealthIndicator migratorHealthIndicator(MigrationStatus migrationStatus) {
			return new MigratorHealthIndicator(migrationStatus);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(
				name = { "org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor",
						"org.springframework.boot.actuate.endpoint.annotation.Endpoint" })
		static class ReadinessGroupConfiguration {

			@Bean
			MigratorReadinessGroupPostProcessor migratorReadinessGroupPostProcessor(Environment environment) {
				return new MigratorReadinessGroupPostProcessor(environment, "migrator");
			}

		}

	}

}
