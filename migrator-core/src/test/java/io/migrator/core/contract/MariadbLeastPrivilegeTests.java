package io.migrator.core.contract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import io.migrator.core.InfoResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.Migrator;
import io.migrator.core.Version;
import io.migrator.core.testsupport.MariadbTestDatabase;
import io.migrator.core.testsupport.ScriptFolder;
import io.migrator.core.testsupport.TestDatabase.DriverManagerDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The grants the user guide documents for MySQL and MariaDB ("Least privilege on MySQL
 * and MariaDB"), on a real server: a migration user that owns the schema, and an
 * application user that reads and writes data, may read the history, and cannot change
 * the schema.
 */
class MariadbLeastPrivilegeTests {

	@TempDir
	Path scripts;

	private MariadbTestDatabase database;

	private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private final String migrationUser = "migrator_test_mig_" + this.suffix;

	private final String appUser = "migrator_test_app_" + this.suffix;

	private final String password = "Pw-" + this.suffix;

	@BeforeEach
	void createDatabaseAndUsers() {
		this.database = MariadbTestDatabase.create();
		String db = "`" + this.database.name() + "`";
		// As in the user guide: the migration user owns the application's database...
		admin("CREATE USER '" + this.migrationUser + "'@'%' IDENTIFIED BY '" + this.password + "'");
		admin("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, DROP, INDEX, REFERENCES, CREATE VIEW, SHOW VIEW,"
				+ " TRIGGER, CREATE ROUTINE, ALTER ROUTINE, EXECUTE ON " + db + ".* TO '" + this.migrationUser
				+ "'@'%'");
		// ...and the application user only reads and writes rows.
		admin("CREATE USER '" + this.appUser + "'@'%' IDENTIFIED BY '" + this.password + "'");
		admin("GRANT SELECT, INSERT, UPDATE, DELETE, EXECUTE ON " + db + ".* TO '" + this.appUser + "'@'%'");
	}

	@AfterEach
	void dropDatabaseAndUsers() {
		admin("DROP USER IF EXISTS '" + this.migrationUser + "'@'%'");
		admin("DROP USER IF EXISTS '" + this.appUser + "'@'%'");
		this.database.close();
	}

	@Test
	void theMigrationUserMigratesAndTheAppUserCannotChangeTheSchema() throws SQLException {
		ScriptFolder.write(this.scripts, "V1__customer.sql",
				"CREATE TABLE customer (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100));\n"
						+ "CREATE INDEX customer_name_idx ON customer (name);");
		ScriptFolder.write(this.scripts, "V2__view.sql", "CREATE VIEW customer_names AS SELECT name FROM customer;");
		assertThat(migrator(this.migrationUser, UnaryOperator.identity()).migrate().finalVersion())
			.isEqualTo(Version.parse("2"));

		try (Connection app = as(this.appUser).getConnection(); Statement statement = app.createStatement()) {
			statement.execute("INSERT INTO customer (name) VALUES ('ada')");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("CREATE TABLE sneaky (id INT)"))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1142));
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("DROP TABLE customer"))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1142));
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("ALTER TABLE customer ADD COLUMN x INT"))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(1142));
		}
		// Await mode and info only read the history: the app user may.
		InfoResult seen = migrator(this.appUser, UnaryOperator.identity()).awaitVersion(null, Duration.ofSeconds(5));
		assertThat(seen.isCurrent()).isTrue();
	}

	@Test
	void theAppUserMigratingFailsWithTheDatabasesPermissionError() {
		ScriptFolder.write(this.scripts, "V1__customer.sql", "CREATE TABLE customer (id INT);");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator(this.appUser, UnaryOperator.identity()).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isIn(Reason.DATABASE, Reason.SCRIPT_FAILED))
			.withMessageContaining("CREATE command denied to user '" + this.appUser + "'");
	}

	private Migrator migrator(String user, UnaryOperator<io.migrator.core.MigratorConfig.Builder> customizer) {
		return ScriptFolder.migrator(this.scripts, as(user), customizer);
	}

	private DataSource as(String user) {
		return new DriverManagerDataSource(this.database.url(), user, this.password);
	}

	private void admin(String sql) {
		this.database.host().admin(sql);
	}

}
