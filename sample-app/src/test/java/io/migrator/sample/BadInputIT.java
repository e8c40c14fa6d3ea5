package io.migrator.sample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.migrator.core.MigrationException.Reason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input where the process matters: the exit code, what a person reads in the output,
 * the log, memory. The cases the engine decides alone (script names, syntax, directives,
 * the ledger, timeouts) are in migrator-core's {@code BadInputTests}, each with a check
 * that nothing was lost.
 */
class BadInputIT {

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private static final String PASSWORD = "Bad-Input-Pw-" + UUID.randomUUID();

	@TempDir
	Path dir;

	private PostgresProbe db;

	private TallyScripts scripts;

	private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	@BeforeEach
	void createDatabase() {
		this.db = PostgresProbe.create();
		this.scripts = new TallyScripts(this.dir).createTally();
	}

	@AfterEach
	void dropDatabase() {
		this.db.close();
	}

	@Test
	void aRoleThatDoesNotExistOrMayNotLogInExitsWithTheConnectionCodeAndNeverShowsThePassword() {
		String refused = "nologin_" + this.suffix;
		this.db.database().host().admin("CREATE ROLE " + refused + " NOLOGIN PASSWORD '" + PASSWORD + "'");
		try {
			for (String user : List.of(refused, "no_such_role_" + this.suffix)) {
				JobResult job = run(SampleAppProcess.builder()
					.postgres(this.db.url(), user, PASSWORD)
					.arg("--migrator.mode=job")
					.arg(this.scripts.location())
					.arg("--logging.level.io.migrator=DEBUG"));
				assertThat(job.exit()).as(job.output()).isEqualTo(Reason.CONNECTION.exitCode());
				assertThat(job.output()).contains("migrator migrate failed: Cannot connect to the database to migrate")
					.contains("role \"" + user + "\"")
					.containsAnyOf("is not permitted to log in", "does not exist")
					.contains("the migration user and password (migrator.datasource.* or spring.datasource.*)")
					.doesNotContain(PASSWORD);
			}
		}
		finally {
			this.db.database().host().admin("DROP ROLE IF EXISTS " + refused);
		}
		assertThat(this.db.exists("migrator_schema_history")).isFalse();
	}

	@Test
	void anUnknownHostExitsWithTheConnectionCodeNamingTheHost() {
		JobResult job = run(SampleAppProcess.builder()
			.postgres("jdbc:postgresql://no-such-host.invalid:5432/app", "app", PASSWORD)
			.arg("--migrator.mode=job")
			.arg(this.scripts.location())
			.arg("--migrator.connect-timeout=1s"));
		assertThat(job.exit()).as(job.output()).isEqualTo(Reason.CONNECTION.exitCode());
		assertThat(job.output()).contains("Cannot connect to the database to migrate")
			.contains("UnknownHostException no-such-host.invalid")
			.doesNotContain(PASSWORD);
	}

	@Test
	void aFiftyMegabyteDataScriptIsStreamedWithinAQuarterGigabyteOfHeap() throws IOException {
		long rows = 0;
		Path data = this.dir.resolve("V2__load_data.sql");
		String padding = "x".repeat(80);
		try (BufferedWriter out = Files.newBufferedWriter(data, StandardCharsets.UTF_8)) {
			out.write("CREATE TABLE big (id BIGINT PRIMARY KEY, payload TEXT NOT NULL);\n");
			while (Files.size(data) < 50L * 1024 * 1024) {
				out.write("INSERT INTO big (id, payload) VALUES\n");
				for (int i = 1; i <= 1000; i++) {
					out.write("(" + (++rows) + ", '" + padding + "')" + ((i < 1000) ? ",\n" : ";\n"));
				}
				out.flush();
			}
		}
		JobResult job = run(this.db.app().jvm("-Xmx256m").arg("--migrator.mode=job").arg(this.scripts.location()));
		assertThat(job.exit()).as(job.output()).isZero();
		assertThat(job.output()).contains("Migrated schema from version 0 to 2").doesNotContain("OutOfMemoryError");
		assertThat(this.db.count("SELECT count(*) FROM big")).isEqualTo(rows);
	}

	@Test
	void anAppUserWithoutRightsOnTheHistoryInAwaitModeIsToldWhichGrantIsMissing() {
		assertThat(run(this.db.app().arg("--migrator.mode=job").arg(this.scripts.location())).exit()).isZero();
		List<String> ledger = this.db.rows("SELECT * FROM migrator_schema_history ORDER BY id");
		String appUser = "app_user_" + this.suffix;
		this.db.database().host().admin("CREATE ROLE " + appUser + " LOGIN PASSWORD '" + PASSWORD + "'");
		try {
			long start = System.nanoTime();
			JobResult app = run(SampleAppProcess.builder()
				.postgres(this.db.url(), appUser, PASSWORD)
				.arg("--migrator.mode=await")
				.arg("--migrator.await.timeout=60s")
				.arg(this.scripts.location()));
			// A missing grant is not "not migrated yet": waiting would not fix it.
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(45));
			assertThat(app.exit()).as(app.output()).isEqualTo(Reason.DATABASE.exitCode());
			assertThat(app.output()).contains("APPLICATION FAILED TO START")
				.contains("The database user '" + appUser + "' may not read the history table"
						+ " \"public\".\"migrator_schema_history\"")
				.contains("GRANT SELECT ON \"public\".\"migrator_schema_history\" TO " + appUser)
				.doesNotContain(PASSWORD);
		}
		finally {
			this.db.database().host().admin("DROP ROLE IF EXISTS " + appUser);
		}
		assertThat(this.db.rows("SELECT * FROM migrator_schema_history ORDER BY id")).isEqualTo(ledger);
	}

	@Test
	void anEmptyLocationIsNotASilentSuccess() throws IOException {
		Path empty = Files.createDirectory(this.dir.resolve("empty"));
		JobResult job = run(this.db.app().arg("--migrator.mode=job").arg("--migrator.locations=filesystem:" + empty));
		assertThat(job.exit()).as(job.output()).isZero();
		assertThat(job.output()).containsPattern("WARN .* No migration scripts found in " + Pattern.quote("[filesystem:"
				+ empty + "]: check migrator.locations and that the scripts are named" + " like V1__init.sql"));
	}

	@Test
	void aLocationThatDoesNotExistExitsWithTheConfigurationCode() {
		Path missing = this.dir.resolve("no-such-dir");
		JobResult job = run(this.db.app().arg("--migrator.mode=job").arg("--migrator.locations=filesystem:" + missing));
		assertThat(job.exit()).as(job.output()).isEqualTo(Reason.CONFIGURATION.exitCode());
		assertThat(job.output()).contains("Migration location 'filesystem:" + missing + "' is not a directory"
				+ " (migrator.locations): create it or correct the path");
		assertThat(this.db.exists("migrator_schema_history")).isFalse();
	}

	@Test
	void invalidScriptsExitWithTheirOwnCodeBeforeAnythingRuns() {
		this.scripts.write("V2__one.sql", TallyScripts.insert("2"))
			.write("V2__two.sql", TallyScripts.insert("2"))
			.write("V3_single_underscore.sql", TallyScripts.insert("3"));
		JobResult job = run(this.db.app().arg("--migrator.mode=job").arg(this.scripts.location()));
		assertThat(job.exit()).as(job.output()).isEqualTo(Reason.INVALID_SCRIPTS.exitCode());
		assertThat(job.output()).contains("Invalid migration scripts:")
			.contains("Two versioned scripts have version 2")
			.contains("V3_single_underscore.sql")
			.contains("'__'");
		assertThat(this.db.exists("tally")).isFalse();
	}

	@Test
	void aSyntaxErrorExitsWithTheScriptFailedCodeNamingTheLine() {
		this.scripts.write("V2__typo.sql",
				TallyScripts.insert("2") + "\n-- adds a column\nALTER TABLE tally ADD COLUMN note TEXT NOT NUL;\n");
		JobResult job = run(this.db.app().arg("--migrator.mode=job").arg(this.scripts.location()));
		assertThat(job.exit()).as(job.output()).isEqualTo(Reason.SCRIPT_FAILED.exitCode());
		assertThat(job.output()).contains("Migration V2__typo.sql failed at line 4")
			.contains("SQLSTATE 42601")
			.contains("Nothing of it was applied");
		assertThat(this.db.assertLedgerMatchesTally()).containsExactly("1");
	}

	@Test
	void aLedgerRowChangedByHandExitsWithTheDatabaseCodeAndAMessageInsteadOfAStackTrace() {
		assertThat(run(this.db.app().arg("--migrator.mode=job").arg(this.scripts.location())).exit()).isZero();
		this.db.execute("UPDATE migrator_schema_history SET status = 'DONE' WHERE id = 1");
		List<String> ledger = this.db.rows("SELECT * FROM migrator_schema_history ORDER BY id");
		for (String command : List.of("migrate", "info")) {
			JobResult job = run(this.db.app()
				.arg("--migrator.mode=job")
				.arg("--migrator.command=" + command)
				.arg(this.scripts.location()));
			assertThat(job.exit()).as(job.output()).isEqualTo(Reason.DATABASE.exitCode());
			assertThat(job.output())
				.contains("migrator " + command + " failed: Row id 1 of the history table"
						+ " \"public\".\"migrator_schema_history\" is not as migrator wrote it: status is 'DONE'")
				.contains("changed by hand")
				.doesNotContain("IllegalArgumentException")
				.doesNotContain("\tat ");
		}
		assertThat(this.db.rows("SELECT * FROM migrator_schema_history ORDER BY id")).isEqualTo(ledger);
		assertThat(this.db.tally()).containsOnlyKeys("1");
	}

	@Test
	void aDatabaseAheadOfTheApplicationStartsAndInfoShowsTheFutureVersion() throws IOException {
		this.scripts.write("V2__newer.sql", TallyScripts.insert("2"));
		assertThat(run(this.db.app().arg("--migrator.mode=job").arg(this.scripts.location())).exit()).isZero();
		// The previous release, during a rolling update: it does not ship version 2.
		Files.delete(this.dir.resolve("V2__newer.sql"));
		try (SampleAppProcess app = this.db.app().arg(this.scripts.location()).start()) {
			app.awaitStatus("/actuator/health/readiness", 200, TIMEOUT);
			assertThat(app.get("/actuator/health/migrator").body()).contains("\"status\":\"UP\"")
				.contains("\"schemaVersion\":\"2\"")
				.contains("\"expectedVersion\":\"1\"");
			assertThat(app.output()).contains("Schema is up to date at version 2");
		}
		JobResult info = run(
				this.db.app().arg("--migrator.mode=job").arg("--migrator.command=info").arg(this.scripts.location()));
		assertThat(info.exit()).as(info.output()).isZero();
		assertThat(info.output()).contains("Schema version 2 (this application ships 1): 0 pending")
			.containsPattern("\\n +2 +newer +versioned +future ");
		assertThat(this.db.assertLedgerMatchesTally()).containsExactly("1", "2");
	}

	private static JobResult run(SampleAppProcess.Builder builder) {
		return builder.run(TIMEOUT);
	}

}
