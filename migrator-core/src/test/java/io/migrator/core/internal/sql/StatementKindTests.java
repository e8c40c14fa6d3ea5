package io.migrator.core.internal.sql;

import static io.migrator.core.internal.sql.StatementKind.NON_TRANSACTIONAL;
import static io.migrator.core.internal.sql.StatementKind.ORDINARY;
import static io.migrator.core.internal.sql.StatementKind.TRANSACTION_CONTROL;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementKindTests {

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX CONCURRENTLY idx ON t (c)",
			"create unique index concurrently if not exists idx on t (c)", "CREATE INDEX CONCURRENTLY ON t (c)",
			"CREATE\n  INDEX\n\tCONCURRENTLY idx ON t (c)",
			"CREATE /* why: big table */ INDEX -- online\n CONCURRENTLY idx ON t (c)", "DROP INDEX CONCURRENTLY idx",
			"drop index concurrently if exists idx", "REINDEX INDEX CONCURRENTLY idx", "REINDEX TABLE CONCURRENTLY t",
			"REINDEX (VERBOSE) INDEX CONCURRENTLY x", "REINDEX (CONCURRENTLY) TABLE t",
			"REINDEX (VERBOSE, CONCURRENTLY true) TABLE t", "REINDEX SYSTEM", "REINDEX SYSTEM app",
			"REINDEX DATABASE app", "REINDEX (VERBOSE) DATABASE app", "REINDEX SCHEMA public",
			"ALTER TABLE measurements DETACH PARTITION measurements_2020 CONCURRENTLY",
			"alter table if exists only \"m\" detach partition s.\"m 2020\" concurrently", "VACUUM",
			"VACUUM (ANALYZE, VERBOSE) t", "vacuum full t", "CREATE DATABASE app",
			"DROP DATABASE IF EXISTS app WITH (FORCE)", "CREATE TABLESPACE fast LOCATION '/ssd'",
			"DROP TABLESPACE fast", "ALTER SYSTEM SET work_mem = '64MB'", "ALTER DATABASE app SET TABLESPACE fast",
			"CREATE SUBSCRIPTION s CONNECTION 'host=x' PUBLICATION p", "DROP SUBSCRIPTION s",
			"ALTER SUBSCRIPTION s REFRESH PUBLICATION", "ALTER SUBSCRIPTION s SET PUBLICATION p", "CLUSTER",
			"cluster verbose", "CLUSTER (VERBOSE)", "COMMIT PREPARED 'tx1'", "ROLLBACK PREPARED 'tx1'", "DISCARD ALL",
			"-- leading comment\n/* another */ VACUUM t", })
	void recognisesStatementsPostgresRefusesInTransaction(String statement) {
		assertThat(StatementKind.of(statement)).isEqualTo(NON_TRANSACTIONAL);
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX concurrently_idx ON t (c)",
			"CREATE INDEX idx ON t (c) WHERE note = 'CONCURRENTLY'", "CREATE INDEX \"concurrently\" ON t (c)",
			"CREATE INDEX /* CONCURRENTLY */ idx ON t (c)", "CREATE INDEX -- CONCURRENTLY\n idx ON t (c)",
			"CREATE INDEX idx ON t USING btree (c) WITH (fillfactor = 70) -- not concurrently",
			"DROP INDEX idx_concurrently", "REFRESH MATERIALIZED VIEW CONCURRENTLY mv", "REINDEX INDEX idx",
			"REINDEX TABLE concurrently_t", "REINDEX (CONCURRENTLY false) TABLE t",
			"REINDEX (VERBOSE, CONCURRENTLY off) INDEX i", "ALTER TABLE t DETACH PARTITION p",
			"ALTER TABLE t DETACH PARTITION p FINALIZE", "ALTER TABLE t ADD COLUMN concurrently_added int",
			"ALTER TABLE t ADD CONSTRAINT c CHECK (note <> 'DETACH PARTITION x CONCURRENTLY')",
			"ALTER DATABASE app SET default_tablespace = 'fast'",
			"ALTER SUBSCRIPTION s SET PUBLICATION p WITH (refresh = false)", "ALTER SUBSCRIPTION s DISABLE",
			"CLUSTER t", "CLUSTER VERBOSE t USING t_pkey", "CLUSTER (VERBOSE) t", "SELECT 'VACUUM'",
			"INSERT INTO log VALUES ('CREATE DATABASE x')", "COMMENT ON TABLE t IS 'run VACUUM after'", "ANALYZE t",
			"CREATE TABLE database (id int)", "ALTER TYPE mood ADD VALUE 'meh'",
			"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END", "SAVEPOINT s1",
			"RELEASE SAVEPOINT s1", "RELEASE s1", "ROLLBACK TO SAVEPOINT s1", "rollback transaction to s1",
			"PREPARE q (int) AS SELECT $1", "BEGIN ATOMIC", "DO $$ BEGIN COMMIT; END $$", "(SELECT 1)", "",
			"-- only a comment", })
	void treatsEverythingElseAsOrdinary(String statement) {
		assertThat(StatementKind.of(statement)).isEqualTo(ORDINARY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "BEGIN", "begin work", "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE",
			"START TRANSACTION", "start transaction read only", "COMMIT", "COMMIT AND CHAIN", "END", "end transaction",
			"ROLLBACK", "ROLLBACK WORK", "ABORT", "PREPARE TRANSACTION 'tx1'", "/* why */ -- yes\n  COMMIT", })
	void recognisesTopLevelTransactionControl(String statement) {
		assertThat(StatementKind.of(statement)).isEqualTo(TRANSACTION_CONTROL);
	}

	@Test
	void classifiesStatementWithTrailingSemicolon() {
		assertThat(StatementKind.of("CLUSTER;")).isEqualTo(NON_TRANSACTIONAL);
		assertThat(StatementKind.of("COMMIT;")).isEqualTo(TRANSACTION_CONTROL);
	}

	@Test
	void keywordWithNonAsciiLookalikeIsNotAKeyword() {
		assertThat(StatementKind.of("commıt")).isEqualTo(ORDINARY); // dotless i
	}

	@Test
	void explainsCopyFromStdin() {
		assertThat(StatementKind.unsupportedReason("COPY t (a, b) FROM STDIN WITH (FORMAT csv)"))
			.isEqualTo("COPY ... FROM STDIN needs psql's client-side data stream, which a JDBC migration"
					+ " cannot provide: use INSERT statements or COPY FROM a file on the database server");
		assertThat(StatementKind.unsupportedReason("copy t from stdin")).startsWith("COPY ... FROM STDIN");
		assertThat(StatementKind.unsupportedReason("-- data\nCOPY\n  t\nFROM\n  stdin"))
			.startsWith("COPY ... FROM STDIN");
	}

	@Test
	void explainsCopyToStdout() {
		assertThat(StatementKind.unsupportedReason("COPY (SELECT * FROM t) TO STDOUT")).startsWith("COPY ... TO STDOUT")
			.contains("COPY TO a file on the database server");
		assertThat(StatementKind.unsupportedReason("copy t to stdout with csv")).startsWith("COPY ... TO STDOUT");
	}

	@ParameterizedTest
	@ValueSource(strings = { "COPY t FROM '/data/t.csv' WITH (FORMAT csv)", "COPY t TO '/tmp/stdout'",
			"COPY t FROM PROGRAM 'gunzip -c /data/t.csv.gz'", "COPY (SELECT * FROM stdin) TO '/tmp/x'",
			"COPY t FROM 'stdin'", "SELECT 'COPY t FROM STDIN'", "INSERT INTO t SELECT * FROM stdin",
			"CREATE INDEX CONCURRENTLY idx ON t (c)", "-- COPY t FROM STDIN\nSELECT 1", })
	void supportsEverythingElse(String statement) {
		assertThat(StatementKind.unsupportedReason(statement)).isNull();
	}

}
