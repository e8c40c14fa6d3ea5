package io.migrator.core.internal.flyway;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.script.ScriptCatalog;
import io.migrator.core.java.JavaMigration;
import io.migrator.core.java.JavaMigrationContext;
import io.migrator.core.resolve.ScriptResource;
import io.migrator.core.testsupport.TestScript;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How each kind of Flyway row maps, for the rows the real Flyway does not write on
 * PostgreSQL in a test (Java migrations, undo, rows its repair marks deleted).
 */
class FlywayImportTests {

	private static final String V1 = "CREATE TABLE a (id INT);\n";

	private static final String V2 = "CREATE TABLE b (id INT);\n";

	private static final String U2 = "DROP TABLE b;\n";

	private static final OffsetDateTime WHEN = OffsetDateTime.parse("2024-05-01T10:00:00Z");

	private final ScriptCatalog catalog = ScriptCatalog.of(List.of(script("V1__a.sql", V1), script("V2__b.sql", V2),
			script("U2__b.sql", U2), script("R__views.sql", "SELECT 1;\n")));

	@Test
	void anUndoneVersionStandsPendingAndItsOlderRowNeedNotMatch() {
		List<HistoryRow> rows = map(row(1, "1", "SQL", "V1__a.sql", V1), row(2, "2", "SQL", "V2__b.sql", "old text"),
				row(3, "2", "UNDO_SQL", "U2__b.sql", U2));

		assertThat(rows).extracting(HistoryRow::type)
			.containsExactly(MigrationType.VERSIONED, MigrationType.VERSIONED, MigrationType.UNDO);
		assertThat(rows.get(1).checksum()).isEqualTo("crc32:" + FlywayChecksum.of("old text"));
		assertThat(rows.get(2).checksum()).hasSize(64);
		assertThat(rows.get(2).description()).isEqualTo("b");
	}

	@Test
	void aBaselineRowAndASqlBaselineBecomeBaselineRowsAndTheSchemaRowIsSkipped() {
		List<HistoryRow> rows = map(
				new FlywayRow(0, null, "<< Flyway Schema Creation >>", "SCHEMA", "\"public\"", null, "flyway", WHEN, 0,
						true),
				row(1, "1", "BASELINE", "<< Flyway Baseline >>", null),
				row(2, "2", "SQL_BASELINE", "B2__b.sql", "whatever"));

		assertThat(rows).extracting(HistoryRow::id).containsExactly(1L, 2L);
		assertThat(rows).extracting(HistoryRow::type).containsOnly(MigrationType.BASELINE);
		assertThat(rows).extracting(HistoryRow::version).containsExactly(Version.parse("1"), Version.parse("2"));
	}

	@Test
	void refusesEveryRowWithoutAnEquivalentAtOnce() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(
					() -> map(row(1, "1", "JDBC", "db.migration.V1__a", null), row(2, "2", "DELETE", "V2__b.sql", V2),
							row(3, "3", "SCRIPT", "V3__c.sh", "x"), row(4, "4", "SQL", "V4__gone.sql", "x")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageContaining("4 row(s) cannot be taken over")
			.withMessageContaining("installed_rank 1 (JDBC version 1, db.migration.V1__a) is a Java migration")
			.withMessageContaining("installed_rank 2 (DELETE version 2, V2__b.sql) is a migration Flyway's repair"
					+ " marked as deleted")
			.withMessageContaining("installed_rank 3 (SCRIPT version 3, V3__c.sh) has type SCRIPT")
			.withMessageContaining("no V4__*.sql script is shipped here")
			.withMessageContaining("migrator.command=baseline");
	}

	@Test
	void aFlywayJavaMigrationIsTakenOverByTheJavaMigrationOfItsVersion() {
		JavaMigration three = new JavaMigration() {

			@Override
			public Version version() {
				return Version.parse("3");
			}

			@Override
			public String description() {
				return "backfill";
			}

			@Override
			public void migrate(JavaMigrationContext context) {
			}

		};
		ScriptCatalog withJava = ScriptCatalog.of(List.of(script("V1__a.sql", V1)), List.of(three));

		List<HistoryRow> rows = new FlywayImport(withJava, (script) -> List.of(FlywayChecksum.of(script.resource())),
				"nobody")
			.map(List.of(row(1, "1", "SQL", "V1__a.sql", V1), row(2, "3", "JDBC", "db.migration.V3__backfill", null)),
					"flyway_schema_history");

		assertThat(rows.get(1).type()).isEqualTo(MigrationType.VERSIONED);
		assertThat(rows.get(1).checksum()).isEqualTo("java:3");
		assertThat(rows.get(1).script()).isEqualTo(three.getClass().getName());
	}

	@Test
	void aRepeatableRowFindsItsScriptByFileNameInASubfolder() {
		List<HistoryRow> rows = map(row(1, null, "SQL", "views/R__views.sql", "SELECT 1;\n"));

		assertThat(rows.get(0).script()).isEqualTo("R__views.sql");
		assertThat(rows.get(0).checksum()).hasSize(64);
		assertThat(rows.get(0).version()).isNull();
	}

	private List<HistoryRow> map(FlywayRow... rows) {
		return new FlywayImport(this.catalog, (script) -> List.of(FlywayChecksum.of(script.resource())), "nobody")
			.map(List.of(rows), "\"public\".\"flyway_schema_history\"");
	}

	private static FlywayRow row(int rank, String version, String type, String script, String content) {
		return new FlywayRow(rank, version, "d", type, script, (content != null) ? FlywayChecksum.of(content) : null,
				"flyway", WHEN, 5, true);
	}

	private static ScriptResource script(String name, String text) {
		return new TestScript(name, "classpath:db/migration/" + name,
				() -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
	}

}
