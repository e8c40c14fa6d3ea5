package io.migrator.actuate.health;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

/**
 * Tests for {@link MigratorReadinessGroupPostProcessor}.
 */
class MigratorReadinessGroupPostProcessorTests {

	private final HealthEndpointGroup primary = mock(HealthEndpointGroup.class);

	private final HealthEndpointGroup readiness = mock(HealthEndpointGroup.class);

	private final HealthEndpointGroup liveness = mock(HealthEndpointGroup.class);

	private final HealthEndpointGroups groups = HealthEndpointGroups.of(this.primary,
			Map.of("readiness", this.readiness, "liveness", this.liveness));

	MigratorReadinessGroupPostProcessorTests() {
		given(this.readiness.isMember("readinessState")).willReturn(true);
	}

	@Test
	void addsTheMigratorToTheReadinessGroupOnly() {
		HealthEndpointGroups processed = new MigratorReadinessGroupPostProcessor(new MockEnvironment(), "migrator")
			.postProcessHealthEndpointGroups(this.groups);
		assertThat(processed.get("readiness").isMember("migrator")).isTrue();
		assertThat(processed.get("readiness").isMember("readinessState")).isTrue();
		assertThat(processed.get("readiness").isMember("db")).isFalse();
		assertThat(processed.get("liveness")).isSameAs(this.liveness);
		assertThat(processed.getPrimary()).isSameAs(this.primary);
		assertThat(processed.getNames()).containsExactlyInAnyOrder("readiness", "liveness");
		assertThat(processed.get("missing")).isNull();
	}

	@Test
	void leavesAGroupWhoseMembersTheApplicationChoseAlone() {
		for (String property : List.of("include", "exclude")) {
			MockEnvironment environment = new MockEnvironment()
				.withProperty("management.endpoint.health.group.readiness." + property, "readinessState,db");
			assertThat(new MigratorReadinessGroupPostProcessor(environment, "migrator")
				.postProcessHealthEndpointGroups(this.groups)).isSameAs(this.groups);
		}
	}

	@Test
	void keepsTheAdditionalProbePaths() {
		HealthEndpointGroups withPaths = mock(HealthEndpointGroups.class,
				withSettings().extraInterfaces(AdditionalPathsMapper.class));
		given(((AdditionalPathsMapper) withPaths).getAdditionalPaths(EndpointId.of("health"),
				WebServerNamespace.SERVER))
			.willReturn(List.of("/readyz"));
		HealthEndpointGroups processed = new MigratorReadinessGroupPostProcessor(new MockEnvironment(), "migrator")
			.postProcessHealthEndpointGroups(withPaths);
		assertThat(processed).isInstanceOf(AdditionalPathsMapper.class);
		assertThat(((AdditionalPathsMapper) processed).getAdditionalPaths(EndpointId.of("health"),
				WebServerNamespace.SERVER))
			.containsExactly("/readyz");
	}

}
