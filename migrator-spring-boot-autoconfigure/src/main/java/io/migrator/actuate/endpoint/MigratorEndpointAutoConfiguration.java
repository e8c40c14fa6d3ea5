package io.migrator.actuate.endpoint;

import io.migrator.autoconfigure.MigratorAutoConfiguration;
import io.migrator.core.Migrator;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration for the {@link MigratorEndpoint}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MigratorAutoConfiguration.class)
@ConditionalOnClass({ Migrator.class, ConditionalOnAvailableEndpoint.class })
public final class MigratorEndpointAutoConfiguration {

	/**
	 * Nested, so that the condition's own class (in the actuator) is only loaded once the
	 * outer condition found the actuator.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnAvailableEndpoint(MigratorEndpoint.class)
	static class MigratorEndpointConfiguration {

		@Bean
		@ConditionalOnBean(Migrator.class)
		@ConditionalOnMissingBean
		MigratorEndpoint migratorEndpoint(Migrator migrator) {
			return new MigratorEndpoint(migrator);
		}

	}

}
