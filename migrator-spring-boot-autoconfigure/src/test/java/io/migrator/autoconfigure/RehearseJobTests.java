package io.migrator.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.migrator.autoconfigure.MigratorProperties.Command;
import io.migrator.autoconfigure.MigratorProperties.Rehearsal;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.Version;
import io.migrator.core.rehearse.RehearsalSettings;
import io.migrator.core.testsupport.H2TestDatabase;
import io.migrator.core.testsupport.PostgresTestDatabase;
import io.migrator.core.testsupport.ScriptFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code rehearse} job command on a real PostgreSQL: its report as JSON and text, its
 * exit codes, and where its settings come from.
 */
class RehearseJobTests {

	@TempDir
	Path scripts;

	private PostgresTestDatabase database;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void createDatabase() {
		this.database = PostgresTestDatabase.create();
		ScriptFolder.write(this.scripts, "V1__orders.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, note text);\n");
		ScriptFolder.write(this.scripts, "U1__orders.sql", "DROP TABLE orders;\n");
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	@Test
	void aRehearsalThatPassesPrintsItsSummaryAndExitsZero() {
		int code = runner(Rehearsal.Format.TEXT, new Rehearsal()).execute();

		assertThat(code).as(err()).isZero();
		assertThat(out()).startsWith("Rehearsal passed: 1 applied, 1 undone and restored, 1 applied again");
	}

	@Test
	void anUndoThatDoesNotRestoreTheSchemaPrintsJsonAndExitsWithTheRehearsalCode() {
		ScriptFolder.write(this.scripts, "V2__index.sql", "CREATE INDEX orders_note_idx ON orders (note);\n");
		ScriptFolder.write(this.scripts, "U2__index.sql", "SELECT 1;\n");

		int code = runner(Rehearsal.Format.JSON, new Rehearsal()).execute();

		assertThat(code).isEqualTo(Reason.REHEARSAL.exitCode()).isEqualTo(12);
		DocumentContext json = JsonPath.parse(out());
		assertThat(json.read("$.passed", Boolean.class)).isFalse();
		assertThat(json.read("$.steps[2].pass", String.class)).isEqualTo("down");
		assertThat(json.read("$.steps[2].script", String.class)).isEqualTo("U2__index.sql");
		assertThat(json.read("$.steps[2].outcome", String.class)).isEqualTo("mismatch");
		assertThat(json.read("$.steps[2].differences[0].kind", String.class)).isEqualTo("index");
		assertThat(json.read("$.steps[2].differences[0].name", String.class)).isEqualTo("public.orders_note_idx");
		assertThat(json.read("$.steps[2].differences[0].expected", String.class)).isNull();
		assertThat(json.read("$.steps[1].locks[0].locks[0].mode", String.class)).isEqualTo("SHARE");
		assertThat(json.read("$.steps[1].locks[0].locks[0].relation", String.class)).isEqualTo("public.orders");
		assertThat(err()).contains("migrator rehearse failed: the rehearsal found 1 problem(s)");
	}

	@Test
	void keepGoingAndUndoToComeFromTheProperties() {
		ScriptFolder.write(this.scripts, "V2__audit.sql", "CREATE TABLE audit (id bigint);\n");
		ScriptFolder.write(this.scripts, "U2__audit.sql", "DROP TABLE audit_typo;\n");
		ScriptFolder.write(this.scripts, "V3__more.sql", "CREATE TABLE more (id bigint);\n");
		ScriptFolder.write(this.scripts, "U3__more.sql", "DROP TABLE more;\n");
		Rehearsal properties = new Rehearsal();
		properties.setKeepGoing(true);
		properties.setUndoTo("1");

		runner(Rehearsal.Format.JSON, properties).execute();

		DocumentContext json = JsonPath.parse(out());
		assertThat(json.read("$.steps[*].script", String[].class)).containsExactly("V1__orders.sql", "V2__audit.sql",
				"V3__more.sql", "U3__more.sql", "U2__audit.sql");
		assertThat(json.read("$.steps[4].outcome", String.class)).isEqualTo("failed");
		assertThat(json.read("$.steps[4].failure", String.class)).contains("U2__audit.sql", "line 1", "42P01");
	}

	@Test
	void theServerIsTheMigrationDatabasesOwnUnlessAUrlIsGiven() {
		MigratorProperties.Rehearsal properties = new Rehearsal();
		RehearsalSettings settings = RehearsalServer.settings(properties, this.database.dataSource(),
				Version.parse("1"));
		assertThat(settings.target()).isEqualTo(Version.parse("1"));
		assertThat(migrator().rehearse(settings).passed()).isTrue();

		properties.setUrl("jdbc:h2:mem:nothing");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(
					() -> migrator().rehearse(RehearsalServer.settings(properties, this.database.dataSource(), null)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONFIGURATION))
			.withMessageContaining("needs a jdbc:postgresql: URL")
			.withMessageContaining("migrator.rehearsal.url");
	}

	@Test
	void anUndoToThatIsNotAVersionSaysWhatToWrite() {
		Rehearsal properties = new Rehearsal();
		properties.setUndoTo("latest");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> RehearsalServer.settings(properties, this.database.dataSource(), null))
			.withMessageContaining("migrator.rehearsal.undo-to 'latest' is not a version");
	}

	@Test
	void onH2TheRehearsalSaysItNeedsPostgresql() {
		try (H2TestDatabase h2 = H2TestDatabase.create()) {
			assertThatExceptionOfType(MigrationException.class)
				.isThrownBy(() -> RehearsalServer.settings(new Rehearsal(), h2.dataSource(), null))
				.withMessageContaining("The rehearsal needs a jdbc:postgresql: URL");
		}
	}

	@Test
	void jobModeBindsTheRehearsalPropertiesRelaxed() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigratorAutoConfiguration.class))
			.withBean(DataSource.class, this.database::dataSource)
			.withPropertyValues("migrator.mode=job", "migrator.command=rehearse",
					"migrator.locations=filesystem:" + this.scripts, "migrator.rehearsal.keep_going=true",
					"MIGRATOR_REHEARSAL_UNDOTO=1", "migrator.rehearsal.format=JSON")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(MigratorJobRunner.class);
				MigratorProperties properties = context.getBean(MigratorProperties.class);
				assertThat(properties.getCommand()).isEqualTo(Command.REHEARSE);
				assertThat(properties.getRehearsal().isKeepGoing()).isTrue();
				assertThat(properties.getRehearsal().getFormat()).isEqualTo(Rehearsal.Format.JSON);
			});
	}

	private MigratorJobRunner runner(Rehearsal.Format format, Rehearsal properties) {
		Migrator migrator = migrator();
		return new MigratorJobRunner(migrator, Command.REHEARSE, null, false,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), new AtomicInteger()::set)
			.rehearsal(() -> RehearsalServer.settings(properties, migrator.config().dataSource(), null), format);
	}

	private Migrator migrator() {
		return new Migrator(MigratorConfig.builder()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.scripts)
			.build());
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
