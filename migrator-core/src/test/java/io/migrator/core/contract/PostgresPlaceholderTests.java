package io.migrator.core.contract;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.UnaryOperator;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationState;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.testsupport.FreshPostgresDatabase;
import io.migrator.core.testsupport.ScriptFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Placeholders in scripts that run on PostgreSQL: replaced before the script is split,
 * checksummed before they are replaced.
 */
class PostgresPlaceholderTests {

	@RegisterExtension
	final FreshPostgresDatabase database = new FreshPostgresDatabase();

	@TempDir
	Path folder;

	@Test
	void replacesConfiguredValuesAndTheBuiltIns() throws SQLException {
		ScriptFolder.write(this.folder, "V1__create.sql", """
				CREATE TABLE ${table_name} (id INT, note TEXT);
				INSERT INTO ${table_name} VALUES (1, '${flyway:user} ${migrator:database} ${flyway:filename}');
				INSERT INTO ${table_name} VALUES (2, '${flyway:defaultSchema}.${flyway:table}');
				""");

		migrator(Map.of("table_name", "customer")).migrate();

		assertThat(query("SELECT note FROM customer WHERE id = 1"))
			.isEqualTo(this.database.username() + " " + databaseName() + " V1__create.sql");
		assertThat(query("SELECT note FROM customer WHERE id = 2")).isEqualTo("public.migrator_schema_history");
	}

	@Test
	void theChecksumIsOfTheTextBeforeReplacementSoAnotherValueChangesNothingApplied() {
		ScriptFolder.write(this.folder, "V1__create.sql", "CREATE TABLE ${table_name} (id INT);\n");
		migrator(Map.of("table_name", "first")).migrate();

		Migrator other = migrator(Map.of("table_name", "second"));

		assertThat(other.info().migrations()).extracting((migration) -> migration.state())
			.containsExactly(MigrationState.APPLIED);
		assertThat(other.migrate().applied()).isEmpty();
	}

	@Test
	void aPlaceholderWithoutAValueStopsTheRunBeforeAnythingRuns() {
		ScriptFolder.write(this.folder, "V1__create.sql", "CREATE TABLE t (id INT);\n");
		ScriptFolder.write(this.folder, "V2__fill.sql", "INSERT INTO t VALUES (1);\n-- ${owner}\n");

		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator(Map.of()).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_SCRIPTS))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
			.withMessageContaining("V2__fill.sql line 2: no value for placeholder ${owner}");
		assertThat(migrator(Map.of()).info().pendingCount()).isEqualTo(2);
	}

	@Test
	void aScriptCanTurnReplacementOffAndSoCanTheConfiguration() throws SQLException {
		ScriptFolder.write(this.folder, "V1__create.sql", "CREATE TABLE t (id INT, note TEXT);\n");
		ScriptFolder.write(this.folder, "V2__literal.sql",
				"-- migrator:placeholders=false\nINSERT INTO t VALUES (1, '${kept}');\n");
		migrator(Map.of()).migrate();
		assertThat(query("SELECT note FROM t WHERE id = 1")).isEqualTo("${kept}");

		ScriptFolder.write(this.folder, "V3__literal.sql", "INSERT INTO t VALUES (2, '${also_kept}');\n");
		migrator(Map.of(), (builder) -> builder.placeholderReplacement(false)).migrate();
		assertThat(query("SELECT note FROM t WHERE id = 2")).isEqualTo("${also_kept}");
	}

	@Test
	void aScriptTooLargeToHoldIsReplacedAsItStreams() throws SQLException {
		String filler = "-- filler line to make the script larger than one mebibyte\n".repeat(20_000);
		ScriptFolder.write(this.folder, "V1__large.sql",
				"CREATE TABLE ${table_name} (id INT);\n" + filler + "INSERT INTO ${table_name} VALUES (7);\n");

		migrator(Map.of("table_name", "big")).migrate();

		assertThat(query("SELECT id FROM big")).isEqualTo("7");
	}

	private Migrator migrator(Map<String, String> placeholders) {
		return migrator(placeholders, UnaryOperator.identity());
	}

	private Migrator migrator(Map<String, String> placeholders, UnaryOperator<MigratorConfig.Builder> customizer) {
		return ScriptFolder.migrator(this.folder, this.database.dataSource(),
				(builder) -> customizer.apply(builder.placeholders(placeholders)));
	}

	private String databaseName() {
		return query("SELECT current_database()");
	}

	private String query(String sql) {
		return this.database.queryForString(sql);
	}

}
