package io.migrator.core.flyway;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.migrator.core.AdoptResult;
import io.migrator.core.InfoResult;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationState;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.Version;
import io.migrator.core.internal.flyway.FlywayChecksum;
import io.migrator.core.internal.script.DefaultScriptScanner;
import io.migrator.core.resolve.ScriptResource;
import io.migrator.core.testsupport.FreshPostgresDatabase;
import io.migrator.core.testsupport.ScriptFolder;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Adopting what the real Flyway (13.12, test scope only) wrote: Flyway migrates a set of
 * scripts on PostgreSQL, then migrator takes its history over.
 */
class FlywayAdoptionTests {

	@RegisterExtension
	final FreshPostgresDatabase database = new FreshPostgresDatabase();

	@TempDir
	Path folder;

	@Test
	void migratorAdoptsFlywaysHistoryStartsAsANoOpThenAppliesANewScript() throws Exception {
		this.database.execute("CREATE TABLE legacy (id INT)");
		writeFlywaySet();
		flyway().baselineVersion("1").load().baseline();
		flyway().load().migrate();
		List<Map<String, Object>> flywayBefore = flywayRows();
		assertThat(flywayBefore).extracting((row) -> row.get("type"))
			.containsExactly("BASELINE", "SQL", "SQL", "SQL", "SQL", "SQL");

		MigrateResult first = migrator((builder) -> builder.flywayAdopt(true)).migrate();

		assertThat(first.applied()).isEmpty();
		assertThat(first.finalVersion()).isEqualTo(Version.parse("5"));
		InfoResult info = migrator(UnaryOperator.identity()).info();
		assertThat(info.migrations()).extracting((migration) -> migration.script() + " " + migration.state())
			.containsExactly("<< Flyway Baseline >> BASELINE", "V1__legacy.sql BELOW_BASELINE",
					"V2__create_customer.sql APPLIED", "V3__crlf.sql APPLIED", "V4__bom.sql APPLIED",
					"V5__no_trailing_newline.sql APPLIED", "R__customer_names.sql APPLIED");
		assertThat(flywayRows()).isEqualTo(flywayBefore);

		ScriptFolder.write(this.folder, "V6__add_email.sql", "ALTER TABLE customer ADD COLUMN email TEXT;\n");
		MigrateResult second = migrator((builder) -> builder.flywayAdopt(true)).migrate();
		assertThat(second.applied()).extracting(MigrateResult.AppliedMigration::script)
			.containsExactly("V6__add_email.sql");
		assertThat(migrator((builder) -> builder.flywayAdopt(true)).migrate().applied()).isEmpty();
		assertThat(flywayRows()).isEqualTo(flywayBefore);
		assertThat(count("migrator_schema_history")).isEqualTo(7);
	}

	@Test
	void flywaysChecksumIsTheOneFlywayWrote() throws Exception {
		writeFlywaySet();
		flyway().load().migrate();
		Map<String, Integer> written = new LinkedHashMap<>();
		for (Map<String, Object> row : flywayRows()) {
			written.put((String) row.get("script"), (Integer) row.get("checksum"));
		}
		Map<String, Integer> computed = new LinkedHashMap<>();
		for (ScriptResource resource : new DefaultScriptScanner(getClass().getClassLoader())
			.scan("filesystem:" + this.folder)) {
			computed.put(resource.name(), FlywayChecksum.of(resource));
		}
		assertThat(computed).containsExactlyInAnyOrderEntriesOf(written);
	}

	@Test
	void aScriptEditedAfterFlywayAppliedItIsRefusedAndNothingIsImported() throws Exception {
		writeFlywaySet();
		flyway().load().migrate();
		List<Map<String, Object>> flywayBefore = flywayRows();
		ScriptFolder.write(this.folder, "V2__create_customer.sql",
				"CREATE TABLE customer (id INT PRIMARY KEY, name TEXT NOT NULL);\n");
		ScriptFolder.write(this.folder, "V3__crlf.sql", "CREATE TABLE crlf (id BIGINT);\n");
		// A repeatable script that changed is applied again, as Flyway would: no refusal.
		ScriptFolder.write(this.folder, "R__customer_names.sql",
				"CREATE OR REPLACE VIEW customer_names AS SELECT name, id FROM customer;\n");

		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator((builder) -> builder.flywayAdopt(true)).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageContaining("2 row(s) cannot be taken over")
			.withMessageContaining("V2__create_customer.sql changed since Flyway applied it as installed_rank 2")
			.withMessageContaining("V3__crlf.sql changed since Flyway applied it as installed_rank 3")
			.withMessageContaining("restore the file as Flyway applied it")
			.withMessageNotContaining("R__customer_names.sql");
		assertThat(tableExists("migrator_schema_history")).isFalse();
		assertThat(flywayRows()).isEqualTo(flywayBefore);
	}

	@Test
	void aChangedRepeatableScriptIsAppliedAgainAfterTheAdoption() throws Exception {
		writeFlywaySet();
		flyway().load().migrate();
		ScriptFolder.write(this.folder, "R__customer_names.sql",
				"CREATE OR REPLACE VIEW customer_names AS SELECT id, name, upper(name) AS shout FROM customer;\n");

		MigrateResult result = migrator((builder) -> builder.flywayAdopt(true)).migrate();

		assertThat(result.applied()).extracting(MigrateResult.AppliedMigration::script)
			.containsExactly("R__customer_names.sql");
	}

	@Test
	void aRepeatableScriptWhosePlaceholdersFlywayReplacedIsAdoptedAsApplied() throws Exception {
		ScriptFolder.write(this.folder, "V1__create_customer.sql", "CREATE TABLE customer (id INT, name TEXT);\n");
		ScriptFolder.write(this.folder, "R__customer_names.sql",
				"CREATE OR REPLACE VIEW ${view} AS SELECT id, name FROM customer;\n");
		flyway().placeholders(Map.of("view", "customer_names")).load().migrate();

		MigrateResult result = migrator(
				(builder) -> builder.flywayAdopt(true).placeholders(Map.of("view", "customer_names")))
			.migrate();

		assertThat(result.applied()).isEmpty();
		assertThat(migrator((builder) -> builder.placeholders(Map.of("view", "customer_names"))).info().migrations())
			.extracting((migration) -> migration.state())
			.containsExactly(MigrationState.APPLIED, MigrationState.APPLIED);
	}

	@Test
	void aFailedFlywayRowIsRefused() throws Exception {
		ScriptFolder.write(this.folder, "V1__create_customer.sql", "CREATE TABLE customer (id INT);\n");
		ScriptFolder.write(this.folder, "V2__index.sql", "CREATE INDEX customer_idx ON customer (id);\n");
		flyway().load().migrate();
		// On PostgreSQL a failed script rolls back with its row, so Flyway writes failed
		// rows only on databases without transactional DDL (MySQL): write one as it does.
		this.database.execute("UPDATE flyway_schema_history SET success = false WHERE version = '2'");
		List<Map<String, Object>> flywayBefore = flywayRows();
		assertThat(flywayBefore).extracting((row) -> row.get("success")).containsExactly(true, false);

		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator(UnaryOperator.identity()).adoptFlyway())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.VALIDATION))
			.withMessageContaining("installed_rank 2 (SQL version 2, V2__index.sql) failed in Flyway")
			.withMessageContaining("run Flyway's repair");
		assertThat(tableExists("migrator_schema_history")).isFalse();
		assertThat(flywayRows()).isEqualTo(flywayBefore);
	}

	@Test
	void withoutAdoptionMigrateRefusesToRunTheScriptsAgain() throws Exception {
		writeFlywaySet();
		flyway().load().migrate();

		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator(UnaryOperator.identity()).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONFIGURATION))
			.withMessageContaining("Found Flyway's history \"public\".\"flyway_schema_history\" (6 rows)")
			.withMessageContaining("migrator.flyway.adopt=true")
			.withMessageContaining("migrator.command=adopt-flyway");
		assertThat(tableExists("migrator_schema_history")).isFalse();
	}

	@Test
	void theAdoptCommandAdoptsOnceAndThenDoesNothing() throws Exception {
		writeFlywaySet();
		flyway().load().migrate();

		AdoptResult adopted = migrator(UnaryOperator.identity()).adoptFlyway();
		assertThat(adopted.adopted()).isTrue();
		assertThat(adopted.flywayTable()).isEqualTo("\"public\".\"flyway_schema_history\"");
		assertThat(adopted.importedRows()).isEqualTo(6);
		assertThat(adopted.info().pendingCount()).isZero();

		AdoptResult again = migrator(UnaryOperator.identity()).adoptFlyway();
		assertThat(again.adopted()).isFalse();
		assertThat(count("migrator_schema_history")).isEqualTo(6);
		assertThat(migrator(UnaryOperator.identity()).migrate().applied()).isEmpty();
	}

	@Test
	void theAdoptCommandWithoutFlywaysTableSaysSo() {
		ScriptFolder.write(this.folder, "V1__create_customer.sql", "CREATE TABLE customer (id INT);\n");

		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> migrator(UnaryOperator.identity()).adoptFlyway())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONFIGURATION))
			.withMessageContaining("no Flyway history table 'flyway_schema_history' with rows in schema 'public'");
	}

	@Test
	void aBaselineStillAdoptsWithoutTheHistory() throws Exception {
		writeFlywaySet();
		flyway().load().migrate();

		migrator(UnaryOperator.identity()).baseline(Version.parse("5"));

		InfoResult info = migrator(UnaryOperator.identity()).info();
		assertThat(info.schemaVersion()).isEqualTo(Version.parse("5"));
	}

	private void writeFlywaySet() throws IOException {
		FlywaySet.writeTo(this.folder);
	}

	private org.flywaydb.core.api.configuration.FluentConfiguration flyway() {
		return Flyway.configure().dataSource(this.database.dataSource()).locations("filesystem:" + this.folder);
	}

	private Migrator migrator(UnaryOperator<MigratorConfig.Builder> customizer) {
		return ScriptFolder.migrator(this.folder, this.database.dataSource(), customizer);
	}

	private long count(String table) {
		return Long.parseLong(this.database.queryForString("SELECT count(*) FROM " + table));
	}

	private boolean tableExists(String table) {
		return Boolean
			.parseBoolean(this.database.queryForString("SELECT (to_regclass('" + table + "') IS NOT NULL)::text"));
	}

	private List<Map<String, Object>> flywayRows() throws SQLException {
		List<Map<String, Object>> rows = new ArrayList<>();
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement
					.executeQuery("SELECT * FROM flyway_schema_history ORDER BY installed_rank")) {
			while (result.next()) {
				Map<String, Object> row = new LinkedHashMap<>();
				for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
					row.put(result.getMetaData().getColumnName(i), result.getObject(i));
				}
				rows.add(row);
			}
		}
		return rows;
	}

}
