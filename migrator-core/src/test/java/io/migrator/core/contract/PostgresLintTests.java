package io.migrator.core.contract;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationListener;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.lint.LintFinding;
import io.migrator.core.lint.LintMode;
import io.migrator.core.lint.LintReport;
import io.migrator.core.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The safety lint as {@code migrate} and the {@code lint} command run it, on a real
 * PostgreSQL whose catalog decides which tables are in use.
 */
class PostgresLintTests {

	private static final String ORDERS = "CREATE TABLE orders (id bigint, email text);\n";

	private static final String UNSAFE_INDEX = "CREATE INDEX orders_email_idx ON orders (email);\n";

	@TempDir
	Path scripts;

	private PostgresTestDatabase database;

	private final List<LintReport> linted = new ArrayList<>();

	@BeforeEach
	void createDatabase() {
		this.database = PostgresTestDatabase.create();
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	@Test
	void failModeStopsBeforeAnythingRunsAndNamesTheStatement() {
		write("V1__orders.sql", ORDERS);
		migrator(LintMode.FAIL).migrate();
		write("V2__index.sql", "-- an index\n" + UNSAFE_INDEX);
		write("V3__more.sql", "CREATE TABLE more (id int);\n");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator(LintMode.FAIL).migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.LINT))
			.withMessageContaining("Nothing was run")
			.withMessageContaining("V2__index.sql line 2")
			.withMessageContaining("CONCURRENTLY")
			.withMessageContaining("migrator:lint-ignore");
		assertThat(ledger()).containsExactly("1:SUCCESS");
		assertThat(exists("orders_email_idx")).isFalse();
		assertThat(exists("more")).isFalse();
	}

	@Test
	void warnModeReportsTheFindingAndRuns() {
		write("V1__orders.sql", ORDERS);
		migrator(LintMode.WARN).migrate();
		write("V2__index.sql", UNSAFE_INDEX);
		migrator(LintMode.WARN).migrate();
		assertThat(ledger()).containsExactly("1:SUCCESS", "2:SUCCESS");
		assertThat(this.linted).hasSize(2);
		assertThat(this.linted.get(0).findings()).as("V1 creates orders in its own run").isEmpty();
		assertThat(this.linted.get(1).unsuppressed()).extracting((finding) -> finding.rule().id())
			.containsExactly("create-index-non-concurrently");
	}

	@Test
	void aTableCreatedByAnEarlierPendingScriptIsNewSoFailModeRuns() {
		write("V1__orders.sql", ORDERS);
		write("V2__index.sql", UNSAFE_INDEX);
		migrator(LintMode.FAIL).migrate();
		assertThat(ledger()).containsExactly("1:SUCCESS", "2:SUCCESS");
		assertThat(this.linted).singleElement().extracting(LintReport::findings).asList().isEmpty();
	}

	@Test
	void aSuppressedFindingWithItsReasonLetsFailModeRun() {
		write("V1__orders.sql", ORDERS);
		migrator(LintMode.FAIL).migrate();
		write("V2__index.sql",
				"-- migrator:lint-ignore=create-index-non-concurrently orders holds 12 rows\n" + UNSAFE_INDEX);
		migrator(LintMode.FAIL).migrate();
		assertThat(ledger()).containsExactly("1:SUCCESS", "2:SUCCESS");
		LintFinding finding = this.linted.get(this.linted.size() - 1).findings().get(0);
		assertThat(finding.suppressedBecause()).isEqualTo("orders holds 12 rows");
	}

	@Test
	void offModeDoesNotLint() {
		write("V1__orders.sql", ORDERS);
		migrator(LintMode.OFF).migrate();
		write("V2__index.sql", UNSAFE_INDEX);
		migrator(LintMode.OFF).migrate();
		assertThat(ledger()).containsExactly("1:SUCCESS", "2:SUCCESS");
		assertThat(this.linted).isEmpty();
	}

	@Test
	void aStartWithNothingPendingDoesNotLint() {
		write("V1__orders.sql", ORDERS);
		migrator(LintMode.FAIL).migrate();
		this.linted.clear();
		migrator(LintMode.FAIL).migrate();
		assertThat(this.linted).isEmpty();
	}

	@Test
	void theLintCommandChecksThePendingScriptsOrEveryScriptAndChangesNothing() {
		write("V1__orders.sql", ORDERS);
		migrator(LintMode.OFF).migrate();
		write("V2__index.sql", UNSAFE_INDEX);
		write("V3__rename.sql", "ALTER TABLE orders RENAME COLUMN email TO mail;\n");
		LintReport pending = migrator(LintMode.OFF).lint(false);
		assertThat(pending.scriptsChecked()).isEqualTo(2);
		assertThat(pending.findings()).extracting(LintFinding::script, (finding) -> finding.rule().id())
			.containsExactly(tuple("V2__index.sql", "create-index-non-concurrently"),
					tuple("V3__rename.sql", "rename"));
		assertThat(pending.blocks()).isTrue();
		assertThat(migrator(LintMode.OFF).lint(true).scriptsChecked()).isEqualTo(3);
		assertThat(ledger()).containsExactly("1:SUCCESS");
		assertThat(exists("orders_email_idx")).isFalse();
	}

	private Migrator migrator(LintMode mode) {
		return migrator((builder) -> builder.lintMode(mode));
	}

	private Migrator migrator(UnaryOperator<MigratorConfig.Builder> customizer) {
		MigratorConfig.Builder builder = MigratorConfig.builder()
			.dataSource(this.database.dataSource())
			.locations("filesystem:" + this.scripts)
			.listener(new MigrationListener() {
				@Override
				public void linted(LintReport report) {
					PostgresLintTests.this.linted.add(report);
				}
			});
		return new Migrator(customizer.apply(builder).build());
	}

	private void write(String name, String content) {
		try {
			Files.writeString(this.scripts.resolve(name), content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> ledger() {
		return rows("SELECT version || ':' || status FROM migrator_schema_history ORDER BY id");
	}

	private boolean exists(String relation) {
		return rows("SELECT to_regclass('" + relation + "') IS NOT NULL").equals(List.of("t"));
	}

	private List<String> rows(String sql) {
		List<String> rows = new ArrayList<>();
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				rows.add(result.getString(1));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return rows;
	}

}
