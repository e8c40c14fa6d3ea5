package io.migrator.autoconfigure;

import io.migrator.core.MigratorConfig;

/**
 * Callback to adjust the auto-configured {@link MigratorConfig} before it is built and
 * validated. Customizers run in {@link org.springframework.core.annotation.Order order},
 * after the {@code migrator.*} properties are applied, so they can override them.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface MigratorConfigCustomizer {

	/**
	 * Customize the configuration.
	 * @param builder the builder, with the properties already applied
	 */
	void customize(MigratorConfig.Builder builder);

}
