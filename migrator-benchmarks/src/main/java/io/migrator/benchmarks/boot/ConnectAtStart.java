package io.migrator.benchmarks.boot;

import java.sql.Connection;

import javax.sql.DataSource;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code bench.connect-at-start=true}, every service opens one pooled connection
 * before it reports ready, as a service whose start touches its database (JPA, a
 * repository check) does. Without a migration tool the pool is otherwise opened only by
 * the first request, so the service without a tool would not pay for loading the driver
 * and connecting while every tool does: with this setting, a tool's extra is its own work
 * and not the connection every service pays for sooner or later.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("bench.connect-at-start")
class ConnectAtStart {

	@Bean
	ApplicationRunner openOneConnection(DataSource dataSource) {
		return (args) -> {
			try (Connection connection = dataSource.getConnection()) {
				connection.isValid(5);
			}
		};
	}

}
