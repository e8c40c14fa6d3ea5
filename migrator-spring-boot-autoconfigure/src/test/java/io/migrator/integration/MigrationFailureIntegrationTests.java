package io.migrator.integration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.migrator.core.MigrationException;
import io.migrator.core.testsupport.FreshPostgresDatabase;
import io.migrator.integration.app.TestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A broken script fails the start, once and loudly, and leaves nothing of itself behind.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationFailureIntegrationTests {

	@RegisterExtension
	final FreshPostgresDatabase database = new FreshPostgresDatabase();

	@Test
	void brokenScriptFailsTheStartNamingTheScriptAndLineOnce(CapturedOutput output) throws Exception {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.main.web-application-type=none", "spring.datasource.url=" + this.database.url(),
					"spring.datasource.username=" + this.database.username(),
					"spring.datasource.password=" + this.database.password(), "migrator.locations=classpath:db/broken")
			.run()).havingRootCause().withMessageContaining("SELEKT");
		String log = output.getAll();
		assertThat(log).contains("APPLICATION FAILED TO START")
			.contains("Migration V2__broken.sql failed at line 4 (classpath:db/broken/V2__broken.sql)")
			.contains("SQLSTATE 42601")
			.contains("Fix the script or the data at the line named above");
		assertThat(log.split("Migration V2__broken.sql failed", -1)).as("the failure is reported once").hasSize(2);
		assertThat(log).doesNotContain(MigrationException.class.getName() + ":");
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM widget")) {
			rows.next();
			assertThat(rows.getInt(1)).as("the failed transactional script was rolled back").isZero();
		}
	}

}
