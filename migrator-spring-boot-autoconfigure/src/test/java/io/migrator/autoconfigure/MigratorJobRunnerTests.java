package io.migrator.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import io.migrator.autoconfigure.MigratorProperties.Command;
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
