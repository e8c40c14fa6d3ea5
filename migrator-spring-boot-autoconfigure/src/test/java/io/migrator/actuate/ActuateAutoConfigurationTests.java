package io.migrator.actuate;

import java.util.UUID;

import io.migrator.actuate.endpoint.MigratorEndpoint;
import io.migrator.actuate.endpoint.MigratorEndpointAutoConfiguration;
import io.migrator.actuate.health.MigratorHealthContributorAutoConfiguration;
import io.migrator.actuate.health.MigratorHealthIndicator;
import io.migrator.actuate.metrics.MigratorMetricsAutoConfiguration;
import io.migrator.actuate.metrics.MigratorMetricsListener;
import io.migrator.actuate.metrics.MigratorObservationAutoConfiguration;
import io.migrator.actuate.metrics.MigratorObservationListener;
import io.migrator.autoconfigure.MigratorAutoConfiguration;
import io.migrator.core.Migrator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the health, endpoint, metrics and observation auto-configurations.
 */
class ActuateAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, MigratorAutoConfiguration.class,
				MigratorHealthContributorAutoConfiguration.class, MigratorEndpointAutoConfiguration.class,
				MigratorMetricsAutoConfiguration.class, MigratorObservationAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"migrator.locations=classpath:db/h2");

	@Test
	void healthIndicatorAndReadinessMembershipAreConfigured() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(MigratorHealthIndicator.class);
			assertThat(context).hasBean("migratorHealthIndicator");
			assertThat(context).hasSingleBean(HealthEndpointGroupsPostProcessor.class);
		});
	}

	@Test
	void healthIndicatorCanBeDisabled() {
		this.contextRunner.withPropertyValues("management.health.migrator.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(MigratorHealthIndicator.class);
			assertThat(context).doesNotHaveBean(HealthEndpointGroupsPostProcessor.class);
		});
	}

	@Test
	void nothingWithoutTheMigrator() {
		this.contextRunner.withPropertyValues("migrator.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(MigratorHealthIndicator.class);
			assertThat(context).doesNotHaveBean(MigratorEndpoint.class);
		});
	}

	@Test
	void healthIndicatorBacksOffWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(MigratorHealthIndicator.class);
				assertThat(context).hasSingleBean(Migrator.class);
			});
	}

	@Test
	void endpointBacksOffWithoutTheActuator() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=migrator")
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(MigratorEndpoint.class);
			});
	}

	@Test
	void endpointIsAvailableWhenExposed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=migrator")
			.run((context) -> assertThat(context).hasSingleBean(MigratorEndpoint.class));
	}

	@Test
	void endpointIsNotAvailableByDefault() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MigratorEndpoint.class));
	}

	@Test
	void metricsAndObservationsAreRecordedWhenMicrometerIsConfigured() {
		this.contextRunner
			.withConfiguration(
					AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
							SimpleMetricsExportAutoConfiguration.class, ObservationAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(MigratorMetricsListener.class);
				assertThat(context).hasSingleBean(MigratorObservationListener.class);
				assertThat(context.getBean(Migrator.class).config().listeners()).contains(
						context.getBean(MigratorMetricsListener.class),
						context.getBean(MigratorObservationListener.class));
			});
	}

	@Test
	void noMetricsWithoutAMeterRegistry() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(MigratorMetricsListener.class);
			assertThat(context).doesNotHaveBean(MigratorObservationListener.class);
		});
	}

	@Test
	void noMetricsWithoutMicrometer() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(MigratorMetricsListener.class);
			});
	}

}
