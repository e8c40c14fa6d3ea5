package io.migrator.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchableTests {

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
		assertThat(Batchable.isBatchable(statement)).isTrue();
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
		assertThat(Batchable.isBatchable(statement)).isFalse();
	}

}
