package io.migrator.core.internal.lint;

import static io.migrator.core.internal.lint.LintScripts.scripts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.migrator.core.MigrationException;
import io.migrator.core.internal.script.Script;
import io.migrator.core.lint.LintFinding;
import io.migrator.core.lint.LintLevel;
import io.migrator.core.lint.LintReport;
import io.migrator.core.lint.LintRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinterTests {

	/**
	 * The table every case works on, as an earlier script (or the same one) creates it.
	 */
	private static final String ORDERS = """
			CREATE TABLE orders (id bigint, customer_id bigint, email varchar(20), total numeric(10,2), during tstzrange);
			CREATE INDEX orders_email_idx ON orders (email);
			""";

	private static final SchemaFacts OFFLINE = SchemaFacts.offline(Duration.ofSeconds(10), Duration.ofMinutes(30));

	/**
	 * A live database that has none of the tables yet: the scripts checked are pending.
	 */
	private static final SchemaFacts EMPTY_DATABASE = new SchemaFacts("public", Set.of(), Map.of(), 150000,
			Duration.ofSeconds(10), Duration.ofMinutes(30), true);

	private final Linter linter = new Linter();

	/**
	 * Each rule's unsafe statements on {@code orders}; the finding is on the last line.
	 */
	private static final String CASES = """
			create-index-non-concurrently       | CREATE INDEX orders_total_idx ON orders (total)
			drop-index-non-concurrently         | DROP INDEX orders_email_idx
			constraint-without-not-valid        | ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
			constraint-without-not-valid        | ALTER TABLE orders ADD CHECK (total > 0)
			set-not-null                        | ALTER TABLE orders ALTER COLUMN email SET NOT NULL
			add-column-not-null-without-default | ALTER TABLE orders ADD COLUMN status text NOT NULL
			volatile-default                    | ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()
			volatile-default                    | ALTER TABLE public.orders ADD COLUMN seq bigserial
			column-type-change                  | ALTER TABLE orders ALTER COLUMN total TYPE integer
			unique-without-using-index          | ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE (email)
			unique-without-using-index          | ALTER TABLE orders ADD PRIMARY KEY (id)
			rename                              | ALTER TABLE orders RENAME COLUMN email TO mail
			rename                              | ALTER TABLE orders RENAME TO purchases
			drop-column                         | ALTER TABLE orders DROP COLUMN email
			drop-table                          | DROP TABLE IF EXISTS orders
			exclusion-constraint                | ALTER TABLE orders ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)
			table-maintenance-lock              | VACUUM FULL orders
			table-maintenance-lock              | CLUSTER orders USING orders_email_idx
			table-maintenance-lock              | REINDEX TABLE orders
			access-exclusive-then-slow-work     | ALTER TABLE orders ADD COLUMN note text;\\nUPDATE orders SET note = 'none'
			""";

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = CASES)
	void firesOnATableAnEarlierScriptCreated(String rule, String statements) {
		String sql = sql(statements);
		LintReport report = lint(scripts("V1__orders.sql", ORDERS), scripts("V2__change.sql", "-- a change\n" + sql));
		assertThat(report.findings()).extracting((finding) -> finding.rule().id()).containsExactly(rule);
		LintFinding finding = report.findings().get(0);
		assertThat(finding.line()).isEqualTo(1 + lines(sql));
		assertThat(finding.script()).isEqualTo("V2__change.sql");
		assertThat(finding.message()).startsWith("V2__change.sql line " + finding.line() + ": ")
			.endsWith(finding.rule().safeAlternative());
		assertThat(finding.isSuppressed()).isFalse();
		assertThat(report.hasUnsuppressed()).isTrue();
		assertThat(report.scriptsChecked()).isEqualTo(1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = CASES)
	void isSilentOnATableTheSameScriptCreates(String rule, String statements) {
		LintReport report = lint(List.of(), scripts("V1__orders.sql", ORDERS + sql(statements)));
		assertThat(report.findings()).isEmpty();
		assertThat(report.hasUnsuppressed()).isFalse();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = CASES)
	void isSilentOnATableAnEarlierPendingScriptCreates(String rule, String statements) {
		LintReport report = this.linter.lint(List.of(),
				scripts("V1__orders.sql", ORDERS, "V2__change.sql", "-- a change\n" + sql(statements)), EMPTY_DATABASE);
		assertThat(report.findings()).isEmpty();
		assertThat(report.scriptsChecked()).isEqualTo(2);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = CASES)
	void offlineATableAnEarlierScriptOfTheSameCheckCreatesIsInUse(String rule, String statements) {
		LintReport report = lint(List.of(),
				scripts("V1__orders.sql", ORDERS, "V2__change.sql", "-- a change\n" + sql(statements)));
		assertThat(report.findings()).extracting((finding) -> finding.rule().id()).containsExactly(rule);
		assertThat(report.findings()).allSatisfy((finding) -> assertThat(finding.script()).isEqualTo("V2__change.sql"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = CASES)
	void keepsASuppressedFindingWithItsReason(String rule, String statements) {
		String sql = sql(statements);
		int last = sql.lastIndexOf('\n', sql.length() - 2) + 1;
		String suppressed = sql.substring(0, last) + "-- migrator:lint-ignore=" + rule + " orders has 40 rows\n"
				+ sql.substring(last);
		LintReport report = lint(scripts("V1__orders.sql", ORDERS), scripts("V2__change.sql", suppressed));
		assertThat(report.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule().id()).isEqualTo(rule);
			assertThat(finding.suppressedBecause()).isEqualTo("orders has 40 rows");
			assertThat(finding.isSuppressed()).isTrue();
		});
		assertThat(report.hasUnsuppressed()).isFalse();
		assertThat(report.unsuppressed()).isEmpty();
	}

	@Test
	void namesTheTableTheLockAndTheSafeWayInTheMessage() {
		LintReport report = lint(scripts("V1__orders.sql", ORDERS),
				scripts("V3__add_index.sql", "-- Index\n\n\nCREATE INDEX orders_total_idx ON orders (total);\n"));
		assertThat(report.findings()).singleElement()
			.extracting(LintFinding::message)
			.isEqualTo("V3__add_index.sql line 4: CREATE INDEX on existing table \"orders\" without CONCURRENTLY takes"
					+ " a SHARE lock that blocks writes for the whole build. Use CREATE INDEX CONCURRENTLY (migrator"
					+ " runs it outside a transaction).");
		assertThat(report.findings().get(0).level()).isEqualTo(LintLevel.ERROR);
	}

	@Test
	void acceptsTheSafeForms() {
		String safe = """
				-- migrator:transaction=false
				CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);
				DROP INDEX CONCURRENTLY orders_email_idx;
				ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
				ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
				ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
				ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();
				ALTER TABLE orders ALTER COLUMN email TYPE text;
				ALTER TABLE orders ALTER COLUMN email TYPE varchar;
				ALTER TABLE orders ADD CONSTRAINT orders_email_key UNIQUE USING INDEX orders_email_uidx;
				ALTER TABLE orders RENAME CONSTRAINT a TO b;
				ALTER TABLE orders DROP CONSTRAINT b;
				REINDEX TABLE CONCURRENTLY orders;
				VACUUM orders;
				SET lock_timeout = '5s';
				""";
		assertThat(lint(scripts("V1__orders.sql", ORDERS), scripts("V2__safe.sql", safe)).findings()).isEmpty();
	}

	@Test
	void anEarlierScriptsTableIsInUseOfflineEvenIfAPendingScriptCreatesItIfNotExists() {
		LintReport report = lint(scripts("V1__orders.sql", ORDERS), scripts("V2__again.sql",
				"CREATE TABLE IF NOT EXISTS orders (id bigint);\nCREATE INDEX orders_id_idx ON orders (id);\n"));
		assertThat(report.findings()).extracting(LintFinding::rule)
			.containsExactly(LintRule.CREATE_INDEX_NON_CONCURRENTLY);
	}

	@Test
	void aTableDroppedAndCreatedAgainIsNewAndARenamedNewTableStaysNew() {
		LintReport report = lint(scripts("V1__orders.sql", ORDERS), scripts("V2__rebuild.sql", """
				-- migrator:lint-ignore=drop-table replaced by the new layout below
				DROP TABLE orders;
				CREATE TABLE orders (id bigint);
				CREATE INDEX orders_id_idx ON orders (id);
				ALTER TABLE orders RENAME TO purchases;
				ALTER TABLE purchases ADD COLUMN total int NOT NULL;
				"""));
		assertThat(report.findings()).extracting(LintFinding::rule).containsExactly(LintRule.DROP_TABLE);
		assertThat(report.hasUnsuppressed()).isFalse();
	}

	@Test
	void suppressesForTheWholeScriptFromItsLeadingComments() {
		LintReport report = lint(scripts("V1__orders.sql", ORDERS), scripts("V2__cleanup.sql", """
				-- Cleanup after 2.3
				-- migrator:lint-ignore-file=drop-column,drop-table unused since release 2.3
				ALTER TABLE orders DROP COLUMN email;
				ALTER TABLE orders DROP COLUMN total;
				DROP TABLE orders;
				"""));
		assertThat(report.findings()).hasSize(3)
			.allSatisfy((finding) -> assertThat(finding.suppressedBecause()).isEqualTo("unused since release 2.3"));
	}

	@Test
	void aStatementSuppressionCoversOnlyTheNextStatementAndItsRules() {
		LintReport report = lint(scripts("V1__orders.sql", ORDERS), scripts("V2__drops.sql", """
				-- migrator:lint-ignore=drop-column email moved to customers in 2.2
				-- (see ticket 42)
				ALTER TABLE orders DROP COLUMN email;
				ALTER TABLE orders DROP COLUMN total;
				-- migrator:lint-ignore=rename wrong rule
				DROP TABLE orders;
				"""));
		assertThat(report.findings()).extracting(LintFinding::line, LintFinding::isSuppressed)
			.containsExactly(tuple(3, true), tuple(4, false), tuple(6, false));
	}

	@Test
	void aSuppressionIsReadWhateverItsCaseAndSpacing() {
		LintReport report = lint(scripts("V1__orders.sql", ORDERS), scripts("V2__drops.sql", """
				--   MIGRATOR: LINT-IGNORE = drop-column email moved to customers in 2.2
				ALTER TABLE orders DROP COLUMN email;
				--Migrator:Lint-Ignore=drop-table orders replaced in 2.3
				DROP TABLE orders;
				"""));
		assertThat(report.findings()).extracting(LintFinding::line, LintFinding::suppressedBecause)
			.containsExactly(tuple(2, "email moved to customers in 2.2"), tuple(4, "orders replaced in 2.3"));
	}

	@Test
	void aSuppressionWithoutAReasonOrWithAnUnknownRuleIsAFindingAndSuppressesNothing() {
		LintReport report = lint(scripts("V1__orders.sql", ORDERS), scripts("V2__drops.sql", """
				-- migrator:lint-ignore-file=drop-table
				-- migrator:lint-ignore=drop-colum,drop-column typo in the first id
				ALTER TABLE orders DROP COLUMN email;
				DROP TABLE orders;
				"""));
		assertThat(report.findings())
			.extracting(LintFinding::line, (finding) -> finding.rule().id(), LintFinding::isSuppressed)
			.containsExactlyInAnyOrder(tuple(1, "suppression-without-reason", false), tuple(2, "unknown-rule", false),
					tuple(3, "drop-column", true), tuple(4, "drop-table", false));
		assertThat(
				report.findings().stream().filter((finding) -> finding.line() == 2).findFirst().orElseThrow().message())
			.contains("'drop-colum'");
	}

	@Test
	void concurrentlyInsideTheScriptsOwnTransactionBlock() {
		LintReport report = lint(List.of(), scripts("V1__index.sql", """
				CREATE TABLE orders (id bigint);
				BEGIN;
				CREATE INDEX CONCURRENTLY orders_id_idx ON orders (id);
				COMMIT;
				DROP INDEX CONCURRENTLY orders_id_idx;
				"""));
		assertThat(report.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(LintRule.CONCURRENTLY_IN_TRANSACTION);
			assertThat(finding.line()).isEqualTo(3);
			assertThat(finding.message()).contains("line 2");
		});
	}

	@Test
	void timeoutsSetToZeroOrAboveMigratorsAreWarnings() {
		LintReport report = lint(List.of(), scripts("V1__timeouts.sql", """
				SET lock_timeout = 0;
				SET LOCAL statement_timeout TO '2h';
				SELECT set_config('lock_timeout', '1min', false);
				SET lock_timeout = '5s';
				SET statement_timeout = 600000;
				SET lock_timeout TO DEFAULT;
				SET work_mem = 0;
				"""));
		assertThat(report.findings()).extracting(LintFinding::line).containsExactly(1, 2, 3);
		assertThat(report.findings()).allSatisfy((finding) -> {
			assertThat(finding.rule()).isEqualTo(LintRule.TIMEOUT_OVERRIDE);
			assertThat(finding.level()).isEqualTo(LintLevel.WARNING);
		});
	}

	@Test
	void slowWorkAfterAnAccessExclusiveLockOnlyInATransaction() {
		String script = """
				ALTER TABLE orders ADD COLUMN note text;
				INSERT INTO archive SELECT * FROM orders;
				CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);
				""";
		LintReport outside = lint(scripts("V1__orders.sql", ORDERS), scripts("V2__note.sql", script));
		assertThat(outside.findings()).isEmpty();
		LintReport inside = lint(scripts("V1__orders.sql", ORDERS), scripts("V2__note.sql",
				script.replace("CREATE INDEX CONCURRENTLY orders_note_idx ON orders (note);\n", "")));
		assertThat(inside.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.rule()).isEqualTo(LintRule.ACCESS_EXCLUSIVE_THEN_SLOW_WORK);
			assertThat(finding.line()).isEqualTo(2);
			assertThat(finding.message()).contains("line 1").contains("\"orders\"");
		});
	}

	@Test
	void preferJsonbIsAdviceOnNewAndExistingTables() {
		LintReport report = lint(scripts("V1__orders.sql", ORDERS), scripts("V2__json.sql", """
				CREATE TABLE events (id bigint, payload json, meta jsonb);
				ALTER TABLE orders ADD COLUMN extra json;
				ALTER TABLE orders ALTER COLUMN extra TYPE jsonb;
				"""));
		assertThat(report.findings()).extracting(LintFinding::line, LintFinding::rule)
			.containsExactly(tuple(1, LintRule.PREFER_JSONB), tuple(2, LintRule.PREFER_JSONB),
					tuple(3, LintRule.COLUMN_TYPE_CHANGE), tuple(3, LintRule.ACCESS_EXCLUSIVE_THEN_SLOW_WORK));
		assertThat(report.findings().get(0).level()).isEqualTo(LintLevel.ADVICE);
		assertThat(report.findings().get(0).message()).contains("\"payload\"");
	}

	@Test
	void letsAScriptThatCannotBeSplitFailAsTheRunnerWould() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> lint(List.of(), scripts("V1__broken.sql", "SELECT 'unterminated;\n")))
			.withMessageContaining("V1__broken.sql line 1");
	}

	@Test
	void everyRuleHasAnIdLevelSummaryAndAlternative() {
		for (LintRule rule : LintRule.values()) {
			assertThat(LintRule.byId(rule.id())).contains(rule);
			assertThat(rule.summary()).endsWith(".");
			assertThat(rule.safeAlternative()).endsWith(".");
		}
		assertThat(LintRule.byId("no-such-rule")).isEmpty();
		assertThat(LintRule.PREFER_JSONB.level()).isEqualTo(LintLevel.ADVICE);
		assertThat(LintRule.TIMEOUT_OVERRIDE.level()).isEqualTo(LintLevel.WARNING);
	}

	private LintReport lint(List<Script> earlier, List<Script> toCheck) {
		return this.linter.lint(earlier, toCheck, OFFLINE);
	}

	/** The case's statements, one per line, each ending with ';'. */
	private static String sql(String statements) {
		return statements.replace("\\n", "\n") + ";\n";
	}

	private static int lines(String sql) {
		return (int) sql.chars().filter((c) -> c == '\n').count();
	}

}
