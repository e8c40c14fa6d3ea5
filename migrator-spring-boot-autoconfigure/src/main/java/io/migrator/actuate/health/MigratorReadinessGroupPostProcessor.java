package io.migrator.actuate.health;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Adds the {@code migrator} component to the {@code readiness} health group, unless the
 * application chose the group's members itself
 * ({@code management.endpoint.health.group.readiness.include} or {@code exclude}).
 * <p>
 * Why not a default for the {@code include} property: Spring Boot fails the start when a
 * group names a contributor that does not exist, and whether this one exists is only
 * known once the context is configured (the health indicator can be disabled, the
 * migrator can back off). This post-processor only exists when the indicator does. It
 * runs last, after Spring Boot's own probe groups are set up (same order, registered
 * later), and keeps their additional paths.
 */
@Order(Ordered.LOWEST_PRECEDENCE)
class MigratorReadinessGroupPostProcessor implements HealthEndpointGroupsPostProcessor {

	static final String READINESS = "readiness";

	private static final String GROUP_PROPERTY = "management.endpoint.health.group." + READINESS;

	private final Environment environment;

	private final String member;

	MigratorReadinessGroupPostProcessor(Environment environment, String member) {
		this.environment = environment;
		this.member = member;
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		return hasExplicitMembership() ? groups : new Groups(groups, this.member);
	}

	private boolean hasExplicitMembership() {
		Binder binder = Binder.get(this.environment);
		return binder.bind(GROUP_PROPERTY + ".include", Bindable.setOf(String.class)).isBound()
				|| binder.bind(GROUP_PROPERTY + ".exclude", Bindable.setOf(String.class)).isBound();
	}

	private record Groups(HealthEndpointGroups delegate,
			String member) implements HealthEndpointGroups, AdditionalPathsMapper {

		@Override
		public HealthEndpointGroup getPrimary() {
			return this.delegate.getPrimary();
		}

		@Override
		public Set<String> getNames() {
			return this.delegate.getNames();
		}

		@Override
		public @Nullable HealthEndpointGroup get(String name) {
			HealthEndpointGroup group = this.delegate.get(name);
			return (group != null && READINESS.equals(name)) ? new WithMember(group, this.member) : group;
		}

		@Override
		public @Nullable List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
			return (this.delegate instanceof AdditionalPathsMapper mapper)
					? mapper.getAdditionalPaths(endpointId, webServerNamespace) : null;
		}

	}

	private record WithMember(HealthEndpointGroup delegate, String member) implements HealthEndpointGroup {

		@Override
		public boolean isMember(String name) {
			return this.member.equals(name) || this.delegate.isMember(name);
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.delegate.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.delegate.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.delegate.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.delegate.getHttpCodeStatusMapper();
		}

		@Override
		public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
			return this.delegate.getAdditionalPath();
		}

	}

}
