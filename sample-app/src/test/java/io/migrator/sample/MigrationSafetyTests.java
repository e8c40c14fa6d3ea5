package io.migrator.sample;

import java.io.IOException;
import java.util.List;

import io.migrator.core.rehearse.RehearsalReport;
import io.migrator.core.rehearse.RehearsalStep;
import io.migrator.core.testsupport.PostgresTestDatabase;
import io.migrator.test.MigrationLint;
import io.migrator.test.MigrationRehearsal;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's own PostgreSQL scripts pass the safety lint, without a database, and the
 * rehearsal, in a scratch database of its own on the test server: the locations come from
 * {@code application.yml}, so a location added there is checked too, with
 * {@code {vendor}} read as {@code postgresql}.
 */
class MigrationSafetyTests {

	@Test
	void postgresqlScriptsHaveNoUnsuppressedFindings() throws IOException {
		List<String> locations = configuredLocations();
		assertThat(locations).contains("classpath:db/vendor/{vendor}");
		MigrationLint.assertNoUnsuppressedFindings(locations.toArray(String[]::new));
	}

	@Test
	void undoScriptsRestoreTheSchemaOnPostgresql() throws IOException {
		PostgresTestDatabase.Server server = PostgresTestDatabase.server();
		RehearsalReport report = MigrationRehearsal.rehearse(server.urlFor("postgres"), server.username(),
				server.password(), configuredLocations().toArray(String[]::new));
		MigrationRehearsal.assertPassed(report);
		assertThat(report.steps()).extracting(RehearsalStep::script)
			.contains("V3__index_customer_email.sql", "U3__index_customer_email.sql", "U1__create_customer.sql");
	}

	private static List<String> configuredLocations() throws IOException {
		List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application.yml",
				new ClassPathResource("application.yml"));
		return new Binder(ConfigurationPropertySources.from(sources))
			.bind("migrator.locations", Bindable.listOf(String.class))
			.orElseThrow(() -> new IllegalStateException("application.yml sets no migrator.locations"));
	}

}
