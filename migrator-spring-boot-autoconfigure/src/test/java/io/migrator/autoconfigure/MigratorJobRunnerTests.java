package io.migrator.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.migrator.autoconfigure.MigratorProperties.Command;
import io.migrator.autoconfigure.MigratorProperties.Lint.Format;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.testsupport.H2TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigratorJobRunner}.
 */
class MigratorJobRunnerTests {

	private final H2TestDatabase database = H2TestDatabase.create();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private final AtomicInteger exitCode = new AtomicInteger(-1);

	@AfterEach
	void close() {
		this.database.close();
	}

	@Test
	void migratePrintsWhatItDidClosesTheContextAndExitsZero() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.refresh();
			MigratorJobRunner runner = runner(Command.MIGRATE, "classpath:db/h2");
			runner.setApplicationContext(context);
			runner.run(new DefaultApplicationArguments());
			assertThat(this.exitCode).hasValue(0);
			assertThat(context.isActive()).isFalse();
		}
		assertThat(out()).contains("Migrated schema from version 0 to 2", "V1__create_person.sql", "V2__add_email.sql");
		assertThat(err()).isEmpty();
	}

	@Test
	void infoPrintsEveryMigration() {
		assertThat(runner(Command.INFO, "classpath:db/h2").execute()).isZero();
		assertThat(out()).contains("Schema version 0 (this application ships 2): 2 pending, no history table yet",
				"Version  Description    Type       State", "> 2        add email      versioned  PENDING");
	}

	@Test
	void infoOfAnUpToDateSchemaPrintsTheTableWithoutMarkers() {
		runner(Command.MIGRATE, "classpath:db/h2").execute();
		assertThat(runner(Command.INFO, "classpath:db/h2").execute()).as(err()).isZero();
		assertThat(out()).contains("Schema version 2 (this application ships 2): 0 pending")
			.containsPattern("\\n Version  Description +Type +State")
			.containsPattern("\\n 2 +add email +versioned +applied ");
	}

	@Test
	void validateOfAnUpToDateSchemaSucceeds() {
		runner(Command.MIGRATE, "classpath:db/h2").execute();
		assertThat(runner(Command.VALIDATE, "classpath:db/h2").execute()).isZero();
		assertThat(out()).contains("The scripts and the history agree (schema version 2)");
	}

	@Test
	void failureIsPrintedOnceAndExitsWithTheReasonsCode() {
		int code = runner(Command.MIGRATE, "filesystem:/does/not/exist").execute();
		assertThat(code).isEqualTo(2);
		assertThat(err()).contains("migrator migrate failed: Migration location 'filesystem:/does/not/exist'");
		assertThat(out()).isEmpty();
	}

	@Test
	void undoWithoutATargetFailsAsConfigurationAndSaysWhatToSet() {
		assertThat(runner(Command.UNDO, "classpath:db/h2").execute()).isEqualTo(2);
		assertThat(err()).contains("migrator.command=undo needs migrator.target", "0 undoes everything");
	}

	@Test
	void dryRunPrintsTheStatementsAndChangesNothing() {
		MigratorJobRunner runner = new MigratorJobRunner(migrator("classpath:db/h2"), Command.MIGRATE, null, true,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), this.exitCode::set);
		assertThat(runner.execute()).isZero();
		assertThat(out()).contains("Dry run, nothing was changed: migrate would take the schema from version 0 to 2",
				"-- V1__create_person.sql (one transaction with its history row)");
		assertThat(migrator("classpath:db/h2").info().historyExists()).isFalse();
	}

	@Test
	void lintPrintsJsonAndExitsWithTheLintCodeWhileAFindingRemains() {
		int code = lintRunner(Format.JSON).execute();
		assertThat(code).isEqualTo(Reason.LINT.exitCode()).isEqualTo(11);
		DocumentContext json = JsonPath.parse(out());
		assertThat(json.read("$.scriptsChecked", Integer.class)).isEqualTo(2);
		assertThat(json.read("$.unsuppressed", Integer.class)).isEqualTo(1);
		assertThat(json.read("$.findings[0].rule", String.class)).isEqualTo("create-index-non-concurrently");
		assertThat(json.read("$.findings[0].script", String.class)).isEqualTo("V2__index.sql");
		assertThat(json.read("$.findings[0].line", Integer.class)).isEqualTo(2);
		assertThat(json.read("$.findings[1].rule", String.class)).isEqualTo("drop-column");
		assertThat(json.read("$.findings[1].suppressedBecause", String.class))
			.isEqualTo("nothing reads \"note\" since 2.3");
		assertThat(err()).contains("migrator lint failed: 1 unsuppressed lint finding(s)");
		assertThat(migrator("classpath:db/lint").info().historyExists()).isFalse();
	}

	@Test
	void lintPrintsSarifForCodeScanning() {
		lintRunner(Format.SARIF).execute();
		DocumentContext sarif = JsonPath.parse(out());
		assertThat(sarif.read("$.version", String.class)).isEqualTo("2.1.0");
		assertThat(sarif.read("$.runs[0].tool.driver.name", String.class)).isEqualTo("migrator");
		assertThat(sarif.read("$.runs[0].results[0].ruleId", String.class)).isEqualTo("create-index-non-concurrently");
		assertThat(sarif.read("$.runs[0].results[0].level", String.class)).isEqualTo("error");
		assertThat(sarif.read("$.runs[0].results[0].locations[0].physicalLocation.region.startLine", Integer.class))
			.isEqualTo(2);
		assertThat(sarif.read("$.runs[0].results[1].suppressions[0].justification", String.class))
			.isEqualTo("nothing reads \"note\" since 2.3");
	}

	@Test
	void lintPrintsATableAPersonReads() {
		lintRunner(Format.TEXT).execute();
		assertThat(out()).contains("Lint: 2 scripts checked, 2 findings (1 suppressed)",
				"ERROR   create-index-non-concurrently  V2__index.sql:2", "Use CREATE INDEX CONCURRENTLY",
				"suppressed: nothing reads \"note\" since 2.3");
	}

	@Test
	void lintOfSafeScriptsExitsZero() {
		assertThat(runner(Command.LINT, "classpath:db/h2").execute()).as(err()).isZero();
		assertThat(out()).contains("Lint: 2 scripts checked, 0 findings");
	}

	@Test
	void adoptFlywayTakesOverFlywaysHistoryOnceThenSaysThereIsNothingToAdopt() {
		// The table as Flyway creates it, with the one row that needs no checksum.
		this.database.execute("CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT NOT NULL PRIMARY KEY,"
				+ " \"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL,"
				+ " \"script\" VARCHAR(1000) NOT NULL, \"checksum\" INT, \"installed_by\" VARCHAR(100) NOT NULL,"
				+ " \"installed_on\" TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, \"execution_time\" INT NOT NULL,"
				+ " \"success\" BOOLEAN NOT NULL)");
		this.database.execute("INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\","
				+ " \"description\", \"type\", \"script\", \"installed_by\", \"execution_time\", \"success\")"
				+ " VALUES (1, '2', '<< Flyway Baseline >>', 'BASELINE', '<< Flyway Baseline >>', 'sa', 0, TRUE)");

		assertThat(runner(Command.ADOPT_FLYWAY, "classpath:db/h2").execute()).as(err()).isZero();
		assertThat(out()).contains("Adopted Flyway's history \"PUBLIC\".\"flyway_schema_history\": 1 of its 1 rows",
				"schema version 2");
		assertThat(runner(Command.ADOPT_FLYWAY, "classpath:db/h2").execute()).as(err()).isZero();
		assertThat(out()).contains("Nothing to adopt: migrator's history already has rows");
		assertThat(runner(Command.MIGRATE, "classpath:db/h2").execute()).as(err()).isZero();
		assertThat(out()).contains("Schema is up to date at version 2.");
	}

	@Test
	void adoptFlywayWithoutFlywaysTableExitsWithTheConfigurationCode() {
		assertThat(runner(Command.ADOPT_FLYWAY, "classpath:db/h2").execute())
			.isEqualTo(Reason.CONFIGURATION.exitCode());
		assertThat(err()).contains("migrator adopt-flyway failed: Nothing to adopt: there is no Flyway history table"
				+ " 'flyway_schema_history' with rows in schema 'PUBLIC'");
	}

	private MigratorJobRunner lintRunner(Format format) {
		return new MigratorJobRunner(migrator("classpath:db/lint"), Command.LINT, null, false, false, format,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), this.exitCode::set);
	}

	private MigratorJobRunner runner(Command command, String location) {
		return new MigratorJobRunner(migrator(location), command, null, false,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), this.exitCode::set);
	}

	private Migrator migrator(String location) {
		return new Migrator(MigratorConfig.builder()
			.dataSource(this.database.dataSource())
			.locations(location)
			.scriptScanner(new SpringResourceScriptScanner(new PathMatchingResourcePatternResolver()))
			.build());
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
