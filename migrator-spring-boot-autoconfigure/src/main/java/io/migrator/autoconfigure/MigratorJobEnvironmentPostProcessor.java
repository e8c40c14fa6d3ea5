package io.migrator.autoconfigure;

import java.util.Map;

import io.migrator.autoconfigure.MigratorProperties.Mode;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns the web server off in job mode ({@code migrator.mode=job}): a job runs one
 * command and exits, and must neither open a port nor wait for traffic. It runs after the
 * application's configuration files are loaded, and takes precedence over them, because
 * "no web server" is part of what job mode means.
 *
 * @since 0.1.0
 */
public final class MigratorJobEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "migratorJobMode";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (isJobMode(Binder.get(environment))) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
						Map.of("spring.main.web-application-type", "none")));
		}
	}

	private static boolean isJobMode(Binder binder) {
		try {
			return binder.bind("migrator.enabled", Boolean.class).orElse(true)
					&& binder.bind("migrator.mode", Mode.class).orElse(Mode.MIGRATE) == Mode.JOB;
		}
		catch (BindException ex) {
			// An invalid value is reported, with the property's name, when the properties
			// are bound.
			return false;
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
