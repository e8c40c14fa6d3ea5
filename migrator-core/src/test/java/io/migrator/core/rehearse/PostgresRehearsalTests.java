package io.migrator.core.rehearse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import io.migrator.core.MigrationException;
import io.migrator.core.Migrator;
import io.migrator.core.Version;
import io.migrator.core.rehearse.RehearsalStep.Outcome;
import io.migrator.core.rehearse.RehearsalStep.Pass;
import io.migrator.core.testsupport.PostgresTestDatabase;
import io.migrator.core.testsupport.ScriptFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rehearsal on a real PostgreSQL: correct undo scripts pass, each kind of thing an
 * undo script forgets is reported as the difference it makes, a broken undo is reported
 * with its line, and the locks of the first pass are the ones PostgreSQL really takes.
 */
class PostgresRehearsalTests {

	private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, status text NOT NULL);\n";

	@TempDir
	Path scripts;

	private PostgresTestDatabase database;

	@BeforeEach
	void createDatabase() {
		this.database = PostgresTestDatabase.create();
	}

	@AfterEach
	void dropDatabase() {
		this.database.close();
	}

	@Test
	void undoScriptsThatRestoreTheSchemaPassEveryPass() throws SQLException {
		script("V1__orders.sql", ORDERS + "CREATE INDEX orders_status_idx ON orders (status);\n"
				+ "CREATE VIEW open_orders AS SELECT id, status FROM orders WHERE status <> 'done';\n"
				+ "CREATE FUNCTION order_count() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders $$;\n"
				+ "CREATE TYPE mood AS ENUM ('happy', 'sad');\n");
		script("U1__orders.sql",
				"DROP TYPE mood;\nDROP FUNCTION order_count();\nDROP VIEW open_orders;\n" + "DROP TABLE orders;\n");
		script("V2__total.sql", "ALTER TABLE orders ADD COLUMN total numeric(10,2) DEFAULT 0 CHECK (total >= 0);\n");
		script("U2__total.sql", "ALTER TABLE orders DROP COLUMN total;\n");

		RehearsalReport report = rehearse();

		assertThat(report.passed()).as(report.summary()).isTrue();
		assertThat(report.steps()).extracting(RehearsalStep::pass, RehearsalStep::script, RehearsalStep::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(Pass.UP, "V1__orders.sql", Outcome.OK),
					org.assertj.core.groups.Tuple.tuple(Pass.UP, "V2__total.sql", Outcome.OK),
					org.assertj.core.groups.Tuple.tuple(Pass.DOWN, "U2__total.sql", Outcome.OK),
					org.assertj.core.groups.Tuple.tuple(Pass.DOWN, "U1__orders.sql", Outcome.OK),
					org.assertj.core.groups.Tuple.tuple(Pass.UP_AGAIN, "V1__orders.sql", Outcome.OK),
					org.assertj.core.groups.Tuple.tuple(Pass.UP_AGAIN, "V2__total.sql", Outcome.OK));
		assertThat(report.summary()).startsWith("Rehearsal passed: 2 applied, 2 undone and restored, 2 applied again");
		assertThat(databaseExists(report.database())).as("the scratch database is dropped").isFalse();
		assertThat(tables(this.database)).as("the database being migrated is not touched").isEmpty();
	}

	@Test
	void anUndoThatForgetsAnIndexIsReportedByItAloneNotByTheUndosBelow() {
		script("V1__orders.sql", ORDERS);
		script("U1__orders.sql", "DROP TABLE orders;\n");
		script("V2__index.sql", "CREATE INDEX orders_status_idx ON orders (status);\n");
		script("U2__index.sql", "SELECT 1;\n");

		RehearsalReport report = rehearse();

		assertThat(report.passed()).isFalse();
		RehearsalStep down = step(report, Pass.DOWN, "U2__index.sql");
		assertThat(down.outcome()).isEqualTo(Outcome.MISMATCH);
		assertThat(down.differences()).singleElement().satisfies((difference) -> {
			assertThat(difference.kind()).isEqualTo("index");
			assertThat(difference.name()).isEqualTo("public.orders_status_idx");
			assertThat(difference.expected()).isNull();
			assertThat(difference.describe()).isEqualTo("leaves index public.orders_status_idx (CREATE INDEX"
					+ " orders_status_idx ON public.orders USING btree (status)), which should not exist");
		});
		// U1 drops the table and the index with it: nothing new to report.
		assertThat(step(report, Pass.DOWN, "U1__orders.sql").outcome()).isEqualTo(Outcome.OK);
		assertThat(report.summary()).contains("MISMATCH: U2__index.sql does not restore the schema before version 2:",
				"U2__index.sql leaves index public.orders_status_idx");
	}

	@Test
	void anUndoThatForgetsAColumnDefaultIsReportedWithBothDefinitions() {
		script("V1__orders.sql", ORDERS);
		script("V2__default.sql", "ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';\n");
		script("U2__default.sql", "SELECT 1;\n");

		RehearsalStep down = step(rehearse(Version.parse("1")), Pass.DOWN, "U2__default.sql");

		assertThat(down.differences()).singleElement().satisfies((difference) -> {
			assertThat(difference.kind()).isEqualTo("column");
			assertThat(difference.name()).isEqualTo("public.orders.status");
			assertThat(difference.expected()).isEqualTo("text not null");
			assertThat(difference.actual()).isEqualTo("text not null default 'new'::text");
		});
	}

	@Test
	void anUndoThatForgetsAFunctionIsReported() {
		script("V1__orders.sql", ORDERS);
		script("V2__function.sql",
				"CREATE FUNCTION order_count(since bigint) RETURNS bigint LANGUAGE sql AS $$ SELECT 1::bigint $$;\n");
		script("U2__function.sql", "SELECT 1;\n");

		RehearsalStep down = step(rehearse(Version.parse("1")), Pass.DOWN, "U2__function.sql");

		assertThat(down.differences()).singleElement().satisfies((difference) -> {
			assertThat(difference.kind()).isEqualTo("function");
			assertThat(difference.name()).isEqualTo("public.order_count(since bigint)");
			assertThat(difference.actual()).contains("SELECT 1::bigint");
		});
	}

	@Test
	void anUndoThatRecreatesAViewWithOtherColumnsIsReportedWithTheColumns() {
		script("V1__view.sql", ORDERS + "CREATE VIEW user_alias_1 AS SELECT id, status FROM orders;\n");
		script("V2__view.sql", "DROP VIEW user_alias_1;\n"
				+ "CREATE VIEW user_alias_1 AS SELECT id, status, status AS label FROM orders;\n");
		script("U2__view.sql",
				"DROP VIEW user_alias_1;\nCREATE VIEW user_alias_1 AS SELECT id, status AS state FROM orders;\n");

		RehearsalStep down = step(rehearse(Version.parse("1")), Pass.DOWN, "U2__view.sql");

		assertThat(down.differences()).singleElement().satisfies((difference) -> {
			assertThat(difference.kind()).isEqualTo("view");
			assertThat(difference.expected()).startsWith("columns (id bigint, status text) as");
			assertThat(difference.actual()).startsWith("columns (id bigint, state text) as");
			assertThat(difference.describe())
				.startsWith("leaves view public.user_alias_1 as columns (id bigint," + " state text) as");
		});
	}

	@Test
	void anUndoThatForgetsACheckConstraintIsReported() {
		script("V1__orders.sql", ORDERS);
		script("V2__check.sql",
				"ALTER TABLE orders ADD CONSTRAINT orders_status_known" + " CHECK (status IN ('new', 'done'));\n");
		script("U2__check.sql", "SELECT 1;\n");

		RehearsalStep down = step(rehearse(Version.parse("1")), Pass.DOWN, "U2__check.sql");

		assertThat(down.differences()).singleElement().satisfies((difference) -> {
			assertThat(difference.kind()).isEqualTo("constraint");
			assertThat(difference.name()).isEqualTo("public.orders.orders_status_known");
			assertThat(difference.actual()).startsWith("CHECK (status = ANY (ARRAY['new'::text, 'done'::text]))");
		});
	}

	@Test
	void columnOrderDoesNotCount() {
		script("V1__orders.sql", "CREATE TABLE orders (id bigint, note text, status text);\n");
		script("V2__drop.sql", "ALTER TABLE orders DROP COLUMN note;\n");
		script("U2__drop.sql", "ALTER TABLE orders ADD COLUMN note text;\n");

		assertThat(rehearse(Version.parse("1")).passed()).isTrue();
	}

	@Test
	void aBrokenUndoStopsTheDownPassWithItsLineAndSqlState() {
		script("V1__orders.sql", ORDERS);
		script("U1__orders.sql", "DROP TABLE orders;\n");
		script("V2__index.sql", "CREATE INDEX orders_status_idx ON orders (status);\n");
		script("U2__index.sql", "-- forgot a semicolon\nDROP INDEX orders_status_idx\nDROP TABLE nothing;\n");

		RehearsalReport report = rehearse();

		assertThat(report.passed()).isFalse();
		RehearsalStep failed = step(report, Pass.DOWN, "U2__index.sql");
		assertThat(failed.outcome()).isEqualTo(Outcome.FAILED);
		assertThat(failed.failure()).contains("U2__index.sql", "line 3", "42601");
		assertThat(report.steps()).as("no later undo, no second pass")
			.noneMatch((step) -> "U1__orders.sql".equals(step.script()) || step.pass() == Pass.UP_AGAIN);
		assertThat(report.summary()).contains("FAILED undoing with U2__index.sql: ");
	}

	@Test
	void keepGoingRehearsesTheUndosBelowABrokenOneWithoutBlamingThemForItsLeftovers() {
		script("V1__orders.sql", ORDERS);
		script("U1__orders.sql", "DROP TABLE orders;\n");
		script("V2__audit.sql", "CREATE TABLE audit (id bigint);\n");
		script("U2__audit.sql", "DROP TABLE audit_typo;\n");

		RehearsalReport report = rehearse(settings().withKeepGoing(true));

		assertThat(step(report, Pass.DOWN, "U2__audit.sql").outcome()).isEqualTo(Outcome.FAILED);
		assertThat(step(report, Pass.DOWN, "U1__orders.sql").outcome()).isEqualTo(Outcome.OK);
		assertThat(report.problems()).hasSize(1);
	}

	@Test
	void aVersionWithoutUndoEndsTheDownPassWithoutFailingIt() {
		script("V1__orders.sql", ORDERS);
		script("V2__index.sql", "CREATE INDEX orders_status_idx ON orders (status);\n");
		script("U2__index.sql", "DROP INDEX orders_status_idx;\n");

		RehearsalReport report = rehearse();

		assertThat(report.passed()).isTrue();
		assertThat(report.steps()).extracting(RehearsalStep::pass, RehearsalStep::outcome)
			.containsSubsequence(org.assertj.core.groups.Tuple.tuple(Pass.DOWN, Outcome.OK),
					org.assertj.core.groups.Tuple.tuple(Pass.DOWN, Outcome.NO_UNDO),
					org.assertj.core.groups.Tuple.tuple(Pass.UP_AGAIN, Outcome.OK));
		assertThat(report.summary()).contains("Not undone below version 1: it has no undo script");
	}

	@Test
	void theFirstPassReportsTheLocksPostgresqlTakesOnTablesThatExistedBeforeEachScript() {
		script("V1__orders.sql", ORDERS);
		script("V2__created.sql", "ALTER TABLE orders ADD COLUMN created timestamptz DEFAULT now();\n"
				+ "ALTER TABLE orders ADD COLUMN flags int DEFAULT 0;\n");
		script("V3__touched.sql", "ALTER TABLE orders ADD COLUMN touched timestamptz DEFAULT clock_timestamp();\n");
		script("V4__index.sql", "-- migrator:transaction=false\n"
				+ "CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created);\n");
		script("V5__new_table.sql", "CREATE TABLE fresh (id bigint);\nCREATE INDEX fresh_idx ON fresh (id);\n");

		RehearsalReport report = rehearse(Version.parse("5"));

		assertThat(step(report, Pass.UP, "V1__orders.sql").locks()).as("nothing existed before V1").isEmpty();
		assertThat(step(report, Pass.UP, "V2__created.sql").locks())
			.as("now() is stable: one value for every row, no rewrite (PostgreSQL 11+); the second statement"
					+ " needs no lock the first did not take")
			.singleElement()
			.satisfies((locks) -> {
				assertThat(locks.line()).isEqualTo(1);
				assertThat(locks.observed()).isTrue();
				assertThat(locks.locks()).contains(new RelationLock("public.orders", "ACCESS EXCLUSIVE"));
				assertThat(locks.rewritten()).isEmpty();
			});
		assertThat(step(report, Pass.UP, "V3__touched.sql").locks()).as("a volatile default rewrites the table")
			.singleElement()
			.satisfies((locks) -> {
				assertThat(locks.locks()).contains(new RelationLock("public.orders", "ACCESS EXCLUSIVE"));
				assertThat(locks.rewritten()).contains("public.orders");
			});
		assertThat(step(report, Pass.UP, "V4__index.sql").locks()).singleElement().satisfies((locks) -> {
			assertThat(locks.observed()).isFalse();
			assertThat(locks.locks()).containsExactly(new RelationLock("public.orders", "SHARE UPDATE EXCLUSIVE"));
			assertThat(locks.rewritten()).isEmpty();
		});
		assertThat(step(report, Pass.UP, "V5__new_table.sql").locks()).as("a table of the script itself").isEmpty();
		assertThat(report.summary()).contains("V2__created.sql line 1 ALTER TABLE: ACCESS EXCLUSIVE on public.orders",
				"V3__touched.sql line 1 ALTER TABLE: ACCESS EXCLUSIVE on public.orders, ACCESS EXCLUSIVE on"
						+ " public.orders_pkey, rewrites public.orders, rewrites public.orders_pkey",
				"V4__index.sql line 2 CREATE INDEX: SHARE UPDATE EXCLUSIVE on public.orders (outside a transaction");
	}

	@Test
	void aFailingVersionedScriptEndsTheRehearsalWithItsError() {
		script("V1__orders.sql", ORDERS);
		script("V2__broken.sql", "ALTER TABLE orders ADD COLUMN total numeric;\nALTER TABLE nowhere ADD x int;\n");

		RehearsalReport report = rehearse();

		assertThat(report.steps()).extracting(RehearsalStep::outcome).containsExactly(Outcome.OK, Outcome.FAILED);
		assertThat(report.problems()).singleElement()
			.satisfies((step) -> assertThat(step.failure()).contains("V2__broken.sql", "line 2", "42P01"));
	}

	@Test
	void aRoleThatMayCreateDatabasesButIsNoSuperuserRehearsesAsWell() {
		script("V1__orders.sql", ORDERS);
		script("U1__orders.sql", "DROP TABLE orders;\n");
		script("V2__index.sql", "CREATE INDEX orders_status_idx ON orders (status);\n");
		script("U2__index.sql", "SELECT 1;\n");
		withRole("CREATEDB", (role) -> {
			RehearsalReport report = rehearse(
					RehearsalSettings.onServer(this.database.host().urlFor("postgres"), role, "secret"));
			assertThat(step(report, Pass.DOWN, "U2__index.sql").differences()).singleElement()
				.satisfies((difference) -> assertThat(difference.name()).isEqualTo("public.orders_status_idx"));
			assertThat(step(report, Pass.DOWN, "U1__orders.sql").outcome()).isEqualTo(Outcome.OK);
		});
	}

	@Test
	void ddlAScriptRunsAsAnotherRoleIsSeenToo() {
		withRole("NOCREATEDB", (role) -> {
			script("V1__app.sql", "CREATE SCHEMA app;\nGRANT ALL ON SCHEMA app TO " + role + ";\nSET ROLE " + role
					+ ";\nCREATE TABLE app.notes (id bigint);\nRESET ROLE;\n");
			script("U1__app.sql", "DROP TABLE app.notes;\n");
			RehearsalReport report = rehearse();
			assertThat(step(report, Pass.UP, "V1__app.sql").outcome()).as(report.summary()).isEqualTo(Outcome.OK);
			assertThat(step(report, Pass.DOWN, "U1__app.sql").differences()).singleElement()
				.satisfies((difference) -> assertThat(difference.describe()).startsWith("leaves schema app"));
		});
	}

	@Test
	void aRoleThatMayNotCreateDatabasesIsToldWhatItNeeds() {
		script("V1__orders.sql", ORDERS);
		withRole("NOCREATEDB", (role) -> assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(
					() -> rehearse(RehearsalSettings.onServer(this.database.host().urlFor("postgres"), role, "secret")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.CONFIGURATION))
			.withMessageContaining("could not create its scratch database")
			.withMessageContaining("CREATEDB")
			.withMessageContaining("migrator.rehearsal.url")
			.withMessageNotContaining("secret"));
	}

	private void withRole(String attributes, java.util.function.Consumer<String> test) {
		String role = "migrator_rehearser_" + Long.toHexString(System.nanoTime());
		PostgresTestDatabase.Server server = this.database.host();
		server.admin("CREATE ROLE " + role + " LOGIN " + attributes + " PASSWORD 'secret'");
		try {
			test.accept(role);
		}
		finally {
			server.admin("DROP ROLE IF EXISTS " + role);
		}
	}

	private RehearsalReport rehearse() {
		return rehearse(settings());
	}

	private RehearsalReport rehearse(Version undoTo) {
		return rehearse(settings().withUndoTo(undoTo).withKeepGoing(false));
	}

	private RehearsalReport rehearse(RehearsalSettings settings) {
		Migrator migrator = ScriptFolder.migrator(this.scripts, this.database.dataSource(), (builder) -> builder);
		return migrator.rehearse(settings);
	}

	private RehearsalSettings settings() {
		PostgresTestDatabase.Server server = this.database.host();
		return RehearsalSettings.onServer(server.urlFor("postgres"), server.username(), server.password());
	}

	private void script(String name, String content) {
		ScriptFolder.write(this.scripts, name, content);
	}

	private static RehearsalStep step(RehearsalReport report, Pass pass, String script) {
		return report.steps()
			.stream()
			.filter((step) -> step.pass() == pass && script.equals(step.script()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + pass + " step for " + script + " in\n" + report.summary()));
	}

	private boolean databaseExists(String name) throws SQLException {
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
			return rows.next();
		}
	}

	private static List<String> tables(PostgresTestDatabase database) throws SQLException {
		try (Connection connection = database.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")) {
			List<String> names = new java.util.ArrayList<>();
			while (rows.next()) {
				names.add(rows.getString(1));
			}
			return names;
		}
	}

}
