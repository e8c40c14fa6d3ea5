package io.migrator.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.migrator.core.MigrationException.Reason;
import io.migrator.core.testsupport.FreshPostgresDatabase;
import io.migrator.core.testsupport.MigrationLockHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app's jar as the migration command line: {@code --migrator.mode=job}, real
 * processes, their output and exit codes.
 */
class JobModeIT {

	private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);

	@TempDir
	Path scripts;

	@RegisterExtension
	final FreshPostgresDatabase database = new FreshPostgresDatabase();

	private JobResult job(String... arguments) {
		SampleAppProcess.Builder builder = SampleAppProcess.builder()
			.postgres(this.database)
			.arg("--migrator.mode=job");
		for (String argument : arguments) {
			builder.arg(argument);
		}
		return builder.run(EXIT_TIMEOUT);
	}

	private String filesystemScripts() {
		return "--migrator.locations=filesystem:" + this.scripts;
	}

	private void script(String name, String content) throws IOException {
		Files.writeString(this.scripts.resolve(name), content);
	}

	private long count(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.database.url(), this.database.username(),
				this.database.password());
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	@Test
	void migratesWithTheScriptsInTheJarPrintsWhatItDidAndExitsZeroWithoutAWebServer() {
		JobResult job = job();
		assertThat(job.exit()).as(job.output()).isZero();
		assertThat(job.output()).contains("Migrated schema from version 0 to 3 in")
			.contains("V3__index_customer_email.sql")
			.doesNotContain("Tomcat started");
		JobResult again = job();
		assertThat(again.exit()).isZero();
		assertThat(again.output()).contains("Schema is up to date at version 3.");
	}

	@Test
	void infoPrintsATableWherePendingAndFailedRowsStandOut() throws IOException {
		script("V1__table.sql", "CREATE TABLE item (id INT PRIMARY KEY);");
		script("V2__fails.sql",
				"-- migrator:transaction=false\nINSERT INTO item VALUES (1);\nINSERT INTO item VALUES (1);\n");
		script("V3__later.sql", "ALTER TABLE item ADD COLUMN name TEXT;");
		JobResult failed = job(filesystemScripts());
		assertThat(failed.exit()).isEqualTo(Reason.SCRIPT_FAILED.exitCode());
		JobResult info = job(filesystemScripts(), "--migrator.command=info");
		assertThat(info.exit()).as(info.output()).isZero();
		assertThat(info.output()).contains("Schema version 1 (this application ships 3): 1 pending, 1 need attention")
			.containsPattern("Version +Description +Type +State +Installed on +Duration")
			.containsPattern("\\n +1 +table +versioned +applied +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +\\d+ ms")
			.containsPattern("\\n! 2 +fails +versioned +FAILED ")
			.containsPattern("\\n> 3 +later +versioned +PENDING");
	}

	@Test
	void migrateStopsAtTheTargetAndUndoGoesBack() throws SQLException {
		JobResult toTwo = job("--migrator.target=2");
		assertThat(toTwo.exit()).as(toTwo.output()).isZero();
		assertThat(toTwo.output()).contains("Migrated schema from version 0 to 2");
		assertThat(count("SELECT count(*) FROM pg_indexes WHERE indexname = 'customer_email_idx'")).isZero();
		assertThat(job().exit()).isZero();
		assertThat(count("SELECT count(*) FROM pg_indexes WHERE indexname = 'customer_email_idx'")).isOne();
		JobResult undo = job("--migrator.command=undo", "--migrator.target=1");
		assertThat(undo.exit()).as(undo.output()).isZero();
		assertThat(undo.output()).contains("Undid schema from version 3 to 1")
			.contains("U3__index_customer_email.sql")
			.contains("U2__add_customer_email.sql");
		assertThat(count("SELECT count(*) FROM information_schema.columns WHERE table_name = 'customer'"
				+ " AND column_name = 'email'"))
			.isZero();
		assertThat(count("SELECT count(*) FROM migrator_schema_history WHERE type = 'UNDO' AND status = 'SUCCESS'"))
			.isEqualTo(2);
	}

	@Test
	void dryRunPrintsTheSqlInOrderAndChangesNothing() throws SQLException {
		JobResult dryRun = job("--migrator.dry-run=true");
		assertThat(dryRun.exit()).as(dryRun.output()).isZero();
		assertThat(dryRun.output())
			.contains("Dry run, nothing was changed: migrate would take the schema from version 0 to 3")
			.contains("-- V3__index_customer_email.sql (not transactional: statement by statement)")
			.contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS customer_email_idx ON customer (email);");
		assertThat(dryRun.output().indexOf("V1__create_customer.sql"))
			.isLessThan(dryRun.output().indexOf("V2__add_customer_email.sql"));
		assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'customer'")).isZero();
		assertThat(job().exit()).isZero();
		JobResult undoDryRun = job("--migrator.command=undo", "--migrator.target=0", "--migrator.dry-run=true");
		assertThat(undoDryRun.output()).contains("undo would take the schema from version 3 to 0")
			.contains("DROP INDEX CONCURRENTLY IF EXISTS customer_email_idx;");
		assertThat(count("SELECT count(*) FROM information_schema.tables WHERE table_name = 'customer'")).isOne();
	}

	@Test
	void repairClearsAFailedScriptAndPrintsWhatItChanged() throws IOException {
		script("V1__table.sql", "CREATE TABLE item (id INT PRIMARY KEY);");
		script("V2__fails.sql",
				"-- migrator:transaction=false\nINSERT INTO item VALUES (1);\nINSERT INTO item VALUES (1);\n");
		assertThat(job(filesystemScripts()).exit()).isEqualTo(Reason.SCRIPT_FAILED.exitCode());
		JobResult blocked = job(filesystemScripts());
		assertThat(blocked.exit()).isEqualTo(Reason.VALIDATION.exitCode());
		assertThat(blocked.output()).contains("Version 2 (V2__fails.sql) failed part-way");
		script("V2__fails.sql", "-- migrator:transaction=false\nDELETE FROM item;\nINSERT INTO item VALUES (1);\n");
		JobResult repair = job(filesystemScripts(), "--migrator.command=repair");
		assertThat(repair.exit()).as(repair.output()).isZero();
		assertThat(repair.output()).contains("Repaired 1 entry (new history rows; nothing was deleted)")
			.contains("Cleared the failed attempt of version 2 (V2__fails.sql)");
		assertThat(job(filesystemScripts()).exit()).isZero();
	}

	@Test
	void validateFailsWithItsOwnExitCodeWhenAnAppliedScriptChanged() throws IOException {
		script("V1__table.sql", "CREATE TABLE item (id INT PRIMARY KEY);");
		assertThat(job(filesystemScripts()).exit()).isZero();
		script("V1__table.sql", "CREATE TABLE item (id BIGINT PRIMARY KEY);");
		JobResult validate = job(filesystemScripts(), "--migrator.command=validate");
		assertThat(validate.exit()).isEqualTo(Reason.VALIDATION.exitCode());
		assertThat(validate.output()).contains("V1__table.sql").contains("was changed after it was applied");
	}

	@Test
	void baselineAdoptsAnExistingSchema() throws IOException, SQLException {
		script("V1__existing.sql", "CREATE TABLE item (id INT PRIMARY KEY);");
		script("V2__new.sql", "ALTER TABLE item ADD COLUMN name TEXT;");
		try (Connection connection = DriverManager.getConnection(this.database.url(), this.database.username(),
				this.database.password()); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE item (id INT PRIMARY KEY)");
		}
		JobResult baseline = job(filesystemScripts(), "--migrator.command=baseline", "--migrator.target=1");
		assertThat(baseline.exit()).as(baseline.output()).isZero();
		assertThat(baseline.output()).contains("Baselined the schema at version 1");
		JobResult migrate = job(filesystemScripts());
		assertThat(migrate.exit()).as(migrate.output()).isZero();
		assertThat(migrate.output()).contains("Migrated schema from version 1 to 2").doesNotContain("V1__existing.sql");
	}

	@Test
	void aLockHeldTooLongExitsWithTheLockTimeoutCode() throws SQLException {
		try (Connection holder = DriverManager.getConnection(this.database.url(), this.database.username(),
				this.database.password())) {
			MigrationLockHolder.hold(holder);
			JobResult job = job("--migrator.lock.wait-timeout=2s");
			assertThat(job.exit()).isEqualTo(Reason.LOCK_TIMEOUT.exitCode());
			assertThat(job.output()).contains("Timed out after").contains("held by pid");
		}
	}

	@Test
	void anUnreachableDatabaseExitsWithTheConnectionCodeAndNamesHostAndPort() {
		SampleAppProcess.Builder builder = SampleAppProcess.builder()
			.postgres("jdbc:postgresql://127.0.0.1:1/nowhere", "someone", "n0t-to-be-printed")
			.arg("--migrator.mode=job")
			.arg("--migrator.connect-timeout=1s");
		JobResult job = builder.run(EXIT_TIMEOUT);
		assertThat(job.exit()).isEqualTo(Reason.CONNECTION.exitCode());
		assertThat(job.output()).contains("127.0.0.1:1").doesNotContain("n0t-to-be-printed");
	}

}
