package io.migrator.core.internal.sql;

import static io.migrator.core.internal.sql.LockMode.ACCESS_EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.ACCESS_SHARE;
import static io.migrator.core.internal.sql.LockMode.EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.ROW_EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.ROW_SHARE;
import static io.migrator.core.internal.sql.LockMode.SHARE;
import static io.migrator.core.internal.sql.LockMode.SHARE_ROW_EXCLUSIVE;
import static io.migrator.core.internal.sql.LockMode.SHARE_UPDATE_EXCLUSIVE;
import static io.migrator.core.internal.sql.TransactionUse.ANY;
import static io.migrator.core.internal.sql.TransactionUse.BEGINS;
import static io.migrator.core.internal.sql.TransactionUse.ENDS;
import static io.migrator.core.internal.sql.TransactionUse.OUTSIDE;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostgresStatementClassifierTests {

	private final StatementClassifier classifier = new PostgresStatementClassifier();

	// --- transaction: what PostgreSQL refuses inside a transaction, and transaction
	// control
	// -----------------------------------------------------

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
		assertThat(classify(statement).transaction()).isEqualTo(OUTSIDE);
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
			"-- only a comment", "commıt", })
	void treatsEverythingElseAsAny(String statement) {
		assertThat(classify(statement).transaction()).isEqualTo(ANY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "BEGIN", "begin work", "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE",
			"begin isolation level serializable", "BEGIN/*x*/", "BEGIN/*x*/ WORK", "START TRANSACTION",
			"start transaction read only", "-- why\nSTART/**/TRANSACTION" })
	void recognisesStatementsThatBeginTheScriptsTransaction(String statement) {
		assertThat(classify(statement).transaction()).isEqualTo(BEGINS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "COMMIT", "COMMIT AND CHAIN", "END", "end transaction", "ROLLBACK", "ROLLBACK WORK",
			"ABORT", "PREPARE TRANSACTION 'tx1'", "/* why */ -- yes\n  COMMIT", "COMMIT/*x*/" })
	void recognisesStatementsThatEndTheScriptsTransaction(String statement) {
		assertThat(classify(statement).transaction()).isEqualTo(ENDS);
	}

	@Test
	void classifiesStatementWithTrailingSemicolon() {
		assertThat(classify("CLUSTER;").transaction()).isEqualTo(OUTSIDE);
		assertThat(classify("COMMIT;").transaction()).isEqualTo(ENDS);
	}

	@Test
	void keywordWithNonAsciiLookalikeIsNotAKeyword() {
		assertThat(classify("commıt").command()).isEqualTo("COMMıT"); // dotless i
	}

	// --- unsupported: what a JDBC migration cannot run
	// -----------------------------------------------------

	@Test
	void explainsCopyFromStdin() {
		assertThat(classify("COPY t (a, b) FROM STDIN WITH (FORMAT csv)").unsupported())
			.isEqualTo("COPY ... FROM STDIN needs psql's client-side data stream, which a JDBC migration"
					+ " cannot provide: use INSERT statements or COPY FROM a file on the database server");
		assertThat(classify("copy t from stdin").unsupported()).startsWith("COPY ... FROM STDIN");
		assertThat(classify("-- data\nCOPY\n  t\nFROM\n  stdin").unsupported()).startsWith("COPY ... FROM STDIN");
	}

	@Test
	void explainsCopyToStdout() {
		assertThat(classify("COPY (SELECT * FROM t) TO STDOUT").unsupported()).startsWith("COPY ... TO STDOUT")
			.contains("COPY TO a file on the database server");
		assertThat(classify("copy t to stdout with csv").unsupported()).startsWith("COPY ... TO STDOUT");
	}

	@ParameterizedTest
	@ValueSource(strings = { "COPY t FROM '/data/t.csv' WITH (FORMAT csv)", "COPY t TO '/tmp/stdout'",
			"COPY t FROM PROGRAM 'gunzip -c /data/t.csv.gz'", "COPY (SELECT * FROM stdin) TO '/tmp/x'",
			"COPY t FROM 'stdin'", "SELECT 'COPY t FROM STDIN'", "INSERT INTO t SELECT * FROM stdin",
			"CREATE INDEX CONCURRENTLY idx ON t (c)", "-- COPY t FROM STDIN\nSELECT 1", })
	void supportsEverythingElse(String statement) {
		assertThat(classify(statement).unsupported()).isNull();
	}

	// --- batchable: statements that certainly return no rows
	// -----------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "CREATE TABLE t (id int)", "create table t as select * from u",
			"CREATE FUNCTION f() RETURNS SETOF int LANGUAGE sql AS $$ SELECT 1 $$",
			"CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END",
			"CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING", "ALTER TABLE t ADD COLUMN returning_soon int",
			"DROP TABLE IF EXISTS t", "COMMENT ON TABLE t IS 'SELECT * FROM t RETURNING *'", "GRANT SELECT ON t TO app",
			"REVOKE ALL ON t FROM PUBLIC", "TRUNCATE t", "DO $$ BEGIN PERFORM 1; END $$", "SET search_path = app",
			"set local lock_timeout = '1s'", "RESET search_path", "REFRESH MATERIALIZED VIEW mv",
			"SECURITY LABEL FOR selinux ON TABLE t IS 'x'", "ANALYZE t", "LOCK TABLE t IN ACCESS EXCLUSIVE MODE",
			"REINDEX INDEX i", "CLUSTER t USING i", "NOTIFY channel, 'payload'", "SAVEPOINT s", "RELEASE SAVEPOINT s",
			"IMPORT FOREIGN SCHEMA remote FROM SERVER s INTO local", "REASSIGN OWNED BY old TO new",
			"INSERT INTO t VALUES (1, 'RETURNING')", "INSERT INTO t (\"returning\") VALUES (1)",
			"INSERT INTO t SELECT * FROM u -- RETURNING *", "INSERT INTO t SELECT * FROM u /* RETURNING * */",
			"UPDATE t SET note = $$ RETURNING $$", "DELETE FROM t WHERE id = 1",
			"MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE",
			"-- leading comment\n/* another */ CREATE TABLE t (id int)", })
	void batchesStatementsThatReturnNoRows(String statement) {
		assertThat(classify(statement).batchable()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "SELECT setval('s', 10)", "select 1", "VALUES (1)",
			"WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "SHOW search_path", "TABLE t", "EXPLAIN SELECT 1",
			"CALL p()", "EXECUTE q", "FETCH ALL FROM c", "(SELECT 1)", "INSERT INTO t VALUES (1) RETURNING id",
			"insert into t values (1) returning *", "UPDATE t SET n = n + 1 RETURNING n", "DELETE FROM t RETURNING *",
			"MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE RETURNING t.*",
			"INSERT INTO t WITH d AS (DELETE FROM u RETURNING *) SELECT * FROM d", "SECURITY DEFINER",
			"COPY t FROM '/data/t.csv'", "DECLARE c CURSOR FOR SELECT 1", "PREPARE q AS SELECT 1",
			"ROLLBACK TO SAVEPOINT s", "BEGIN", "LISTEN channel", "UNKNOWN STATEMENT", "créate table t (id int)", "",
			"-- only a comment", })
	void runsAloneEverythingThatMayReturnRowsOrIsUnknown(String statement) {
		assertThat(classify(statement).batchable()).isFalse();
	}

	@Test
	void readsALargeInsertToItsEndForReturning() {
		String values = "(1, 'x'), ".repeat(200_000);
		assertThat(classify("INSERT INTO t VALUES " + values + "(2, 'y')").batchable()).isTrue();
		assertThat(classify("INSERT INTO t VALUES " + values + "(2, 'y') RETURNING id").batchable()).isFalse();
	}

	// --- command
	// ---------------------------------------------------------------------------

	@Test
	void namesTheCommandAsPostgresTagsIt() {
		assertThat(classify("create unique index concurrently idx on t (c)").command()).isEqualTo("CREATE INDEX");
		assertThat(classify("CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql").command())
			.isEqualTo("CREATE FUNCTION");
		assertThat(classify("CREATE GLOBAL TEMPORARY TABLE t (id int)").command()).isEqualTo("CREATE TABLE");
		assertThat(classify("CREATE TABLE t (a, b) AS SELECT 1, 2").command()).isEqualTo("CREATE TABLE AS");
		assertThat(classify("CREATE OR REPLACE RECURSIVE VIEW v (n) AS VALUES (1)").command()).isEqualTo("CREATE VIEW");
		assertThat(
				classify("CREATE CONSTRAINT TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()").command())
			.isEqualTo("CREATE TRIGGER");
		assertThat(classify("DROP MATERIALIZED VIEW IF EXISTS mv").command()).isEqualTo("DROP MATERIALIZED VIEW");
		assertThat(classify("CREATE TEXT SEARCH CONFIGURATION c (COPY = english)").command())
			.isEqualTo("CREATE TEXT SEARCH CONFIGURATION");
		assertThat(classify("ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO app").command())
			.isEqualTo("ALTER DEFAULT PRIVILEGES");
		assertThat(classify("ALTER TYPE mood ADD VALUE 'meh'").command()).isEqualTo("ALTER TYPE");
		assertThat(classify("CREATE EXTENSION IF NOT EXISTS pgcrypto").command()).isEqualTo("CREATE EXTENSION");
		assertThat(classify("truncate t").command()).isEqualTo("TRUNCATE TABLE");
		assertThat(classify("LOCK t").command()).isEqualTo("LOCK TABLE");
		assertThat(classify("REFRESH MATERIALIZED VIEW mv").command()).isEqualTo("REFRESH MATERIALIZED VIEW");
		assertThat(classify("COMMENT ON TABLE t IS 'x'").command()).isEqualTo("COMMENT");
		assertThat(classify("SECURITY LABEL ON TABLE t IS 'x'").command()).isEqualTo("SECURITY LABEL");
		assertThat(classify("ANALYSE t").command()).isEqualTo("ANALYZE");
		assertThat(classify("DO $$ BEGIN END $$").command()).isEqualTo("DO");
		assertThat(classify("set search_path = app").command()).isEqualTo("SET");
		assertThat(classify("GRANT SELECT ON t TO app").command()).isEqualTo("GRANT");
		assertThat(classify("UNKNOWN STATEMENT").command()).isEqualTo("UNKNOWN");
		assertThat(classify("").command()).isEmpty();
		assertThat(classify("-- only a comment").command()).isEmpty();
	}

	@Test
	void namesQueriesAndDataChangesAsTheirMainStatement() {
		assertThat(classify("VALUES (1)").command()).isEqualTo("SELECT");
		assertThat(classify("TABLE t").command()).isEqualTo("SELECT");
		assertThat(classify("(SELECT 1)").command()).isEqualTo("SELECT");
		assertThat(classify("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x").command()).isEqualTo("INSERT");
		assertThat(classify("WITH RECURSIVE r (n) AS (VALUES (1) UNION ALL SELECT n + 1 FROM r) SELECT * FROM r")
			.command()).isEqualTo("SELECT");
		assertThat(classify("WITH update AS (SELECT 1) DELETE FROM t").command()).isEqualTo("DELETE");
		assertThat(classify("MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE").command())
			.isEqualTo("MERGE");
	}

	@Test
	void namesTransactionStatementsAsPostgresTagsThem() {
		assertThat(classify("begin work").command()).isEqualTo("BEGIN");
		assertThat(classify("START TRANSACTION").command()).isEqualTo("START TRANSACTION");
		assertThat(classify("END").command()).isEqualTo("COMMIT");
		assertThat(classify("ABORT").command()).isEqualTo("ROLLBACK");
		assertThat(classify("ROLLBACK TO SAVEPOINT s").command()).isEqualTo("ROLLBACK");
		assertThat(classify("COMMIT PREPARED 'tx1'").command()).isEqualTo("COMMIT PREPARED");
		assertThat(classify("ROLLBACK PREPARED 'tx1'").command()).isEqualTo("ROLLBACK PREPARED");
		assertThat(classify("PREPARE TRANSACTION 'tx1'").command()).isEqualTo("PREPARE TRANSACTION");
		assertThat(classify("PREPARE q AS SELECT 1").command()).isEqualTo("PREPARE");
		assertThat(classify("DISCARD ALL").command()).isEqualTo("DISCARD ALL");
	}

	// --- relation
	// --------------------------------------------------------------------------

	@Test
	void resolvesTheRelationsNameAsPostgresDoes() {
		assertThat(classify("ALTER TABLE IF EXISTS ONLY Public.\"My T\" ADD c int").relation())
			.isEqualTo("public.My T");
		assertThat(classify("ALTER TABLE \"Say \"\"hi\"\"\" ADD c int").relation()).isEqualTo("Say \"hi\"");
		assertThat(classify("ALTER TABLE \"select\" ADD c int").relation()).isEqualTo("select");
		assertThat(classify("ALTER TABLE app . Orders ADD c int").relation()).isEqualTo("app.orders");
		assertThat(classify("ALTER TABLE db.app.t ADD c int").relation()).isEqualTo("db.app.t");
		assertThat(classify("ALTER TABLE ÄRGER ADD c int").relation()).isEqualTo("Ärger");
		assertThat(classify("ALTER TABLE if ADD c int").relation()).isEqualTo("if");
		assertThat(classify("ALTER TABLE IF EXISTS if ADD c int").relation()).isEqualTo("if");
		assertThat(classify("INSERT /* into */ INTO -- x\n t VALUES (1)").relation()).isEqualTo("t");
	}

	@Test
	void findsTheRelationOfEachCommand() {
		assertRelationAndLock("CREATE INDEX idx ON t (c)", "t", SHARE);
		assertRelationAndLock("CREATE INDEX ON t (c)", "t", SHARE);
		assertRelationAndLock("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx ON ONLY s.\"T\" (c)", "s.T",
				SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("DROP INDEX IF EXISTS s.idx, other", "s.idx", ACCESS_EXCLUSIVE);
		assertRelationAndLock("DROP INDEX CONCURRENTLY IF EXISTS idx", "idx", SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("DROP TABLE IF EXISTS a, b CASCADE", "a", ACCESS_EXCLUSIVE);
		assertRelationAndLock("DROP VIEW v", "v", ACCESS_EXCLUSIVE);
		assertRelationAndLock("CREATE UNLOGGED TABLE IF NOT EXISTS s.t (id int)", "s.t", null);
		assertRelationAndLock("CREATE TEMP TABLE t AS SELECT * FROM u", "t", null);
		assertRelationAndLock("CREATE OR REPLACE VIEW v AS SELECT * FROM t", "v", null);
		assertRelationAndLock("CREATE MATERIALIZED VIEW IF NOT EXISTS mv AS SELECT 1", "mv", null);
		assertRelationAndLock("INSERT INTO s.t (a) VALUES (1)", "s.t", ROW_EXCLUSIVE);
		assertRelationAndLock("UPDATE ONLY t SET a = 1", "t", ROW_EXCLUSIVE);
		assertRelationAndLock("DELETE FROM ONLY t WHERE a = 1", "t", ROW_EXCLUSIVE);
		assertRelationAndLock("MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE", "t", ROW_EXCLUSIVE);
		assertRelationAndLock("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "t", ROW_EXCLUSIVE);
		assertRelationAndLock("TRUNCATE TABLE ONLY t, u", "t", ACCESS_EXCLUSIVE);
		assertRelationAndLock("TRUNCATE t", "t", ACCESS_EXCLUSIVE);
		assertRelationAndLock(
				"CREATE TRIGGER tr AFTER INSERT OR UPDATE OF a, b ON s.t FOR EACH ROW" + " EXECUTE FUNCTION f()", "s.t",
				SHARE_ROW_EXCLUSIVE);
		assertRelationAndLock("COMMENT ON TABLE s.t IS 'ON TABLE u'", "s.t", SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("COMMENT ON COLUMN s.t.c IS 'x'", "s.t", SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("COMMENT ON COLUMN t.\"c.d\" IS 'x'", "t", SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("COMMENT ON FUNCTION f() IS 'x'", null, null);
	}

	@Test
	void findsTheRelationOfMaintenanceCommands() {
		assertRelationAndLock("VACUUM t", "t", SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("VACUUM FREEZE VERBOSE ANALYZE t (c)", "t", SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("VACUUM FULL t", "t", ACCESS_EXCLUSIVE);
		assertRelationAndLock("VACUUM (FULL, ANALYZE) s.t", "s.t", ACCESS_EXCLUSIVE);
		assertRelationAndLock("VACUUM (FULL false) t", "t", SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("VACUUM", null, null);
		assertRelationAndLock("ANALYZE VERBOSE t", "t", SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("ANALYZE (SKIP_LOCKED) t", "t", SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("CLUSTER VERBOSE t USING i", "t", ACCESS_EXCLUSIVE);
		assertRelationAndLock("CLUSTER", null, null);
		assertRelationAndLock("REINDEX INDEX i", "i", ACCESS_EXCLUSIVE);
		assertRelationAndLock("REINDEX TABLE CONCURRENTLY t", "t", SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("REINDEX (CONCURRENTLY) TABLE s.t", "s.t", SHARE_UPDATE_EXCLUSIVE);
		assertRelationAndLock("REINDEX SCHEMA s", null, null);
		assertRelationAndLock("REFRESH MATERIALIZED VIEW mv", "mv", ACCESS_EXCLUSIVE);
		assertRelationAndLock("REFRESH MATERIALIZED VIEW CONCURRENTLY s.mv WITH DATA", "s.mv", EXCLUSIVE);
	}

	@Test
	void readsTheLockModeLockTableNames() {
		assertRelationAndLock("LOCK TABLE t", "t", ACCESS_EXCLUSIVE);
		assertRelationAndLock("LOCK t IN SHARE ROW EXCLUSIVE MODE", "t", SHARE_ROW_EXCLUSIVE);
		assertRelationAndLock("lock table only a, b in access share mode nowait", "a", ACCESS_SHARE);
		assertRelationAndLock("LOCK TABLE t IN SHARE MODE", "t", SHARE);
	}

	@Test
	void findsWhatQueriesAndCopyRead() {
		assertRelationAndLock("SELECT a, extract(year FROM d) FROM s.t WHERE a = 1", "s.t", ACCESS_SHARE);
		assertRelationAndLock("SELECT * FROM t FOR UPDATE", "t", ROW_SHARE);
		assertRelationAndLock("SELECT * FROM t WHERE id IN (SELECT id FROM u FOR SHARE)", "t", ACCESS_SHARE);
		assertRelationAndLock("TABLE t", "t", ACCESS_SHARE);
		assertRelationAndLock("SELECT 1", null, null);
		assertRelationAndLock("SELECT * FROM generate_series(1, 3)", null, null);
		assertRelationAndLock("SELECT * FROM (SELECT 1) x", null, null);
		assertRelationAndLock("WITH d AS (DELETE FROM u RETURNING *) SELECT * FROM d", null, null);
		assertRelationAndLock("COPY t (a) FROM '/data/t.csv'", "t", ROW_EXCLUSIVE);
		assertRelationAndLock("COPY s.t TO '/tmp/t.csv'", "s.t", ACCESS_SHARE);
		assertRelationAndLock("COPY (SELECT * FROM t) TO '/tmp/x'", null, null);
	}

	@Test
	void hasNoRelationWhereNoneIsKnown() {
		assertRelationAndLock("GRANT SELECT ON t TO app", null, null);
		assertRelationAndLock("DO $$ BEGIN UPDATE t SET a = 1; END $$", null, null);
		assertRelationAndLock("ALTER TABLE ALL IN TABLESPACE a SET TABLESPACE b", null, null);
		assertRelationAndLock("CREATE SEQUENCE s", null, null);
		assertRelationAndLock("", null, null);
	}

	// --- ALTER TABLE locks
	// ------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "ALTER TABLE t VALIDATE CONSTRAINT c", "ALTER TABLE t ALTER COLUMN c SET STATISTICS 500",
			"ALTER TABLE t ALTER c SET (n_distinct = 100)", "ALTER TABLE t ALTER COLUMN c RESET (n_distinct)",
			"ALTER TABLE t SET (fillfactor = 70)", "ALTER TABLE t RESET (fillfactor)",
			"ALTER TABLE t CLUSTER ON t_pkey", "ALTER TABLE t SET WITHOUT CLUSTER",
			"ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM (1) TO (10)",
			"ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY", "ALTER TABLE p DETACH PARTITION p1 FINALIZE",
			"ALTER TABLE t VALIDATE CONSTRAINT a, VALIDATE CONSTRAINT b" })
	void takesShareUpdateExclusiveForAlterTableFormsThatLetWritesGoOn(String statement) {
		assertThat(classify(statement).lock()).isEqualTo(SHARE_UPDATE_EXCLUSIVE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (u_id) REFERENCES u (id) NOT VALID",
			"ALTER TABLE t ADD FOREIGN KEY (u_id) REFERENCES u", "ALTER TABLE t DISABLE TRIGGER ALL",
			"ALTER TABLE t ENABLE ALWAYS TRIGGER tr", "ALTER TABLE t ENABLE TRIGGER USER",
			"ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES u, VALIDATE CONSTRAINT other" })
	void takesShareRowExclusiveForAlterTableFormsThatOnlyStopWrites(String statement) {
		assertThat(classify(statement).lock()).isEqualTo(SHARE_ROW_EXCLUSIVE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ALTER TABLE t ADD COLUMN c int", "ALTER TABLE t ADD COLUMN c int REFERENCES u",
			"ALTER TABLE t ALTER COLUMN c SET NOT NULL", "ALTER TABLE t ALTER COLUMN c TYPE bigint",
			"ALTER TABLE t ALTER COLUMN c SET DEFAULT 0", "ALTER TABLE t ALTER CONSTRAINT c DEFERRABLE",
			"ALTER TABLE t SET WITHOUT OIDS", "ALTER TABLE t SET TABLESPACE fast", "ALTER TABLE t RENAME TO u",
			"ALTER TABLE t ENABLE ROW LEVEL SECURITY", "ALTER TABLE t DISABLE RULE r",
			"ALTER TABLE p DETACH PARTITION p1", "ALTER TABLE t ADD CONSTRAINT u UNIQUE (c)",
			"ALTER TABLE t VALIDATE CONSTRAINT c, ADD COLUMN d int",
			"ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0), ALTER c SET STATISTICS 10" })
	void takesAccessExclusiveForEveryOtherAlterTable(String statement) {
		assertThat(classify(statement).lock()).isEqualTo(ACCESS_EXCLUSIVE);
	}

	// --- the model
	// -------------------------------------------------------------------------

	@Test
	void keepsTheStatementsTextAndLine() {
		SqlStatement statement = new SqlStatement("ALTER TABLE t ADD c int", 7);
		ClassifiedStatement classified = this.classifier.classify(statement);
		assertThat(classified.sql()).isEqualTo("ALTER TABLE t ADD c int");
		assertThat(classified.line()).isEqualTo(7);
		assertThat(classified.source()).isEqualTo(statement);
	}

	private void assertRelationAndLock(String statement, String relation, LockMode lock) {
		assertThat(classify(statement)).as(statement)
			.extracting(ClassifiedStatement::relation, ClassifiedStatement::lock)
			.containsExactly(relation, lock);
	}

	private ClassifiedStatement classify(String sql) {
		return this.classifier.classify(new SqlStatement(sql, 1));
	}

}
