package io.migrator.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigratorJobEnvironmentPostProcessor}.
 */
class MigratorJobEnvironmentPostProcessorTests {

	private final MigratorJobEnvironmentPostProcessor postProcessor = new MigratorJobEnvironmentPostProcessor();

	@Test
	void jobModeTurnsTheWebServerOffOverTheApplicationsSetting() {
		MockEnvironment environment = new MockEnvironment().withProperty("migrator.mode", "JOB")
			.withProperty("spring.main.web-application-type", "servlet");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
	}

	@Test
	void otherModesLeaveTheWebServerAlone() {
		MockEnvironment environment = new MockEnvironment().withProperty("migrator.mode", "await");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(MigratorJobEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void disabledMigratorLeavesTheWebServerAlone() {
		MockEnvironment environment = new MockEnvironment().withProperty("migrator.mode", "job")
			.withProperty("migrator.enabled", "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
	}

	@Test
	void anInvalidModeIsLeftForPropertyBindingToReport() {
		MockEnvironment environment = new MockEnvironment().withProperty("migrator.mode", "sideways");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
	}

	@Test
	void isRegisteredAsAnEnvironmentPostProcessor() {
		// Other registered factories need constructor arguments that this test does not
		// give.
		FailureHandler ignore = FailureHandler.handleMessage((message, failure) -> {
		});
		List<EnvironmentPostProcessor> loaded = SpringFactoriesLoader
			.forDefaultResourceLocation(getClass().getClassLoader())
			.load(EnvironmentPostProcessor.class, null, ignore);
		assertThat(loaded).hasAtLeastOneElementOfType(MigratorJobEnvironmentPostProcessor.class);
	}

}
