package io.migrator.core.internal.lint;

import static io.migrator.core.internal.lint.LintScripts.scripts;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.migrator.core.lint.LintFinding;
import io.migrator.core.lint.LintReport;
import io.migrator.core.lint.LintRule;
import io.migrator.core.testsupport.PostgresTestConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rules that depend on the catalog or the server version, on a real PostgreSQL. */
class LinterPostgresTests {

	private PostgresTestConnection database;

	private SchemaFacts facts;

	private final Linter linter = new Linter();

	@BeforeEach
	void createTables() throws SQLException {
		this.database = PostgresTestConnection.open();
		this.database.execute("CREATE SCHEMA app");
		this.database.execute("CREATE TABLE orders (email varchar(20), total numeric(10,2), note text, code int)");
		this.database.execute("CREATE TABLE app.events (id bigint) PARTITION BY RANGE (id)");
		this.database.execute("CREATE VIEW order_view AS SELECT email FROM orders");
		this.facts = SchemaFacts.read(this.database.connection(), Duration.ofSeconds(10), Duration.ofMinutes(30));
	}

	@AfterEach
	void dropDatabase() throws SQLException {
		this.database.close();
	}

	@Test
	void readsTablesColumnTypesAndTheServerVersion() {
		assertThat(this.facts.live()).isTrue();
		assertThat(this.facts.schema()).isEqualTo("public");
		assertThat(this.facts.tables()).contains("public.orders", "app.events").doesNotContain("public.order_view");
		assertThat(this.facts.tables()).noneMatch((table) -> table.startsWith("pg_catalog."));
		assertThat(this.facts.exists("orders")).isTrue();
		assertThat(this.facts.exists("public.orders")).isTrue();
		assertThat(this.facts.exists("events")).isFalse();
		assertThat(this.facts.columnType("orders", "email")).isEqualTo("character varying(20)");
		assertThat(this.facts.columnType("public.orders", "total")).isEqualTo("numeric(10,2)");
		assertThat(this.facts.columnType("orders", "missing")).isNull();
		assertThat(this.facts.serverVersion()).isGreaterThanOrEqualTo(120000);
		assertThat(this.facts.lockTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void aTableInTheCatalogIsInUseWithoutAnyEarlierScript() {
		LintReport report = lint("""
				CREATE TABLE IF NOT EXISTS orders (email text);
				CREATE INDEX orders_email_idx ON orders (email);
				CREATE TABLE fresh (id bigint);
				CREATE INDEX fresh_id_idx ON fresh (id);
				CREATE INDEX events_id_idx ON app.events (id);
				""");
		assertThat(report.findings()).extracting(LintFinding::line).containsExactly(2, 5);
	}

	@Test
	void aTypeChangeIsJudgedByTheColumnsRealType() {
		LintReport report = lint("""
				-- migrator:transaction=false
				ALTER TABLE orders ALTER COLUMN email TYPE varchar(50);
				ALTER TABLE orders ALTER COLUMN email TYPE text;
				ALTER TABLE orders ALTER COLUMN email TYPE character varying;
				ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 2);
				ALTER TABLE orders ALTER COLUMN total TYPE decimal;
				ALTER TABLE orders ALTER COLUMN email TYPE varchar(10);
				ALTER TABLE orders ALTER COLUMN total TYPE numeric(12, 3);
				ALTER TABLE orders ALTER COLUMN code TYPE text;
				ALTER TABLE orders ALTER COLUMN note TYPE varchar(5);
				""");
		assertThat(report.findings()).extracting(LintFinding::line).containsExactly(7, 8, 9, 10);
		assertThat(report.findings()).extracting(LintFinding::rule).containsOnly(LintRule.COLUMN_TYPE_CHANGE);
		assertThat(report.findings().get(0).message()).contains("from character varying(20) to varchar(10)");
		LintReport offline = this.linter.lint(List.of(),
				scripts("V2__widen.sql", "ALTER TABLE orders ALTER COLUMN email TYPE varchar(50);\n"),
				SchemaFacts.offline(null, null));
		assertThat(offline.findings()).extracting(LintFinding::message)
			.singleElement()
			.asString()
			.contains("old type unknown");
	}

	@Test
	void theServerVersionDecidesWhichDefaultsRewrite() {
		String script = "ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();\n";
		assertThat(lint(script).findings()).isEmpty();
		SchemaFacts postgres10 = new SchemaFacts(this.facts.schema(), this.facts.tables(), this.facts.columns(), 100023,
				this.facts.lockTimeout(), this.facts.statementTimeout(), true);
		LintReport old = this.linter.lint(List.of(), scripts("V2__created.sql", script), postgres10);
		assertThat(old.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(LintRule.VOLATILE_DEFAULT);
			assertThat(finding.message()).contains("before PostgreSQL 11");
		});
		LintReport notNull = this.linter.lint(List.of(),
				scripts("V2__email.sql", "ALTER TABLE orders ALTER COLUMN email SET NOT NULL;\n"), postgres10);
		assertThat(notNull.findings()).singleElement()
			.extracting(LintFinding::message)
			.asString()
			.contains("Before PostgreSQL 12");
	}

	@Test
	void offlineFactsKnowNoTables() {
		SchemaFacts offline = SchemaFacts.offline(Duration.ofSeconds(1), null);
		assertThat(offline.live()).isFalse();
		assertThat(offline.tables()).isEqualTo(Set.of());
		assertThat(offline.columns()).isEqualTo(Map.of());
		assertThat(offline.serverVersion()).isZero();
	}

	private LintReport lint(String script) {
		return this.linter.lint(List.of(), scripts("V2__change.sql", script), this.facts);
	}

}
