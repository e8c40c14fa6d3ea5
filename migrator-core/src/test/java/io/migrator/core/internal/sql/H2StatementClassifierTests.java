package io.migrator.core.internal.sql;

import static io.migrator.core.internal.sql.TransactionUse.ANY;
import static io.migrator.core.internal.sql.TransactionUse.BEGINS;
import static io.migrator.core.internal.sql.TransactionUse.ENDS;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class H2StatementClassifierTests {

	private final StatementClassifier classifier = new H2StatementClassifier();

	@ParameterizedTest
	@ValueSource(strings = { "BEGIN", "BEGIN TRANSACTION", "begin work", "BEGIN/*x*/", "START TRANSACTION",
			"-- why\nstart transaction" })
	void recognisesStatementsThatBeginTheScriptsTransaction(String statement) {
		assertThat(classify(statement).transaction()).isEqualTo(BEGINS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "COMMIT", "commit work", "COMMIT TRANSACTION", "ROLLBACK", "ROLLBACK WORK",
			"ROLLBACK TRANSACTION", "END", "/* why */ COMMIT" })
	void recognisesStatementsThatEndTheScriptsTransaction(String statement) {
		assertThat(classify(statement).transaction()).isEqualTo(ENDS);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ROLLBACK TO SAVEPOINT s", "rollback to savepoint s", "SAVEPOINT s",
			"CREATE INDEX CONCURRENTLY x ON t(c)", "DROP INDEX CONCURRENTLY x", "VACUUM", "VACUUM FULL t", "CLUSTER",
			"REINDEX SCHEMA public", "CREATE DATABASE app", "DROP TABLESPACE fast", "ALTER SYSTEM SET x = 1",
			"ALTER DATABASE app SET TABLESPACE fast", "ALTER TABLE t DETACH PARTITION p CONCURRENTLY", "DISCARD ALL",
			"ABORT", "PREPARE TRANSACTION 'tx1'", "CREATE TABLE t (id int)", "", "-- only a comment" })
	void neverAppliesPostgresTransactionRules(String statement) {
		assertThat(classify(statement).transaction()).isEqualTo(ANY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE TABLE t (id int)", "INSERT INTO t VALUES (1)", "UPDATE t SET a = 1",
			"DELETE FROM t", "SET MODE PostgreSQL", "ALTER TABLE t ADD c int" })
	void batchesNothing(String statement) {
		assertThat(classify(statement).batchable()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CREATE INDEX i ON t (c)", "ALTER TABLE t ADD c int", "DROP TABLE t",
			"INSERT INTO t VALUES (1)", "TRUNCATE TABLE t", "SELECT * FROM t FOR UPDATE", "LOCK TABLE t",
			"COPY t FROM '/data/t.csv'" })
	void reportsNoLock(String statement) {
		assertThat(classify(statement).lock()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "COPY t FROM STDIN", "COPY t TO STDOUT" })
	void leavesPostgresCopyToH2(String statement) {
		ClassifiedStatement classified = classify(statement);
		assertThat(classified.unsupported()).isNull();
		assertThat(classified.command()).isEqualTo("COPY");
		assertThat(classified.relation()).isNull();
	}

	@Test
	void resolvesTheRelationsNameAsH2Does() {
		assertThat(classify("ALTER TABLE IF EXISTS Public.\"My T\" ADD c int").relation()).isEqualTo("PUBLIC.My T");
		assertThat(classify("ALTER TABLE \"orders\" ADD c int").relation()).isEqualTo("orders");
		assertThat(classify("insert into app.orders values (1)").relation()).isEqualTo("APP.ORDERS");
	}

	@Test
	void findsTheCommandAndRelationOfH2Statements() {
		assertCommandAndRelation("CREATE CACHED TABLE IF NOT EXISTS app.orders (id int)", "CREATE TABLE", "APP.ORDERS");
		assertCommandAndRelation("CREATE LOCAL TEMPORARY TABLE t AS SELECT 1", "CREATE TABLE AS", "T");
		assertCommandAndRelation("CREATE UNIQUE HASH INDEX IF NOT EXISTS s.idx ON t (c)", "CREATE INDEX", "T");
		assertCommandAndRelation("CREATE INDEX CONCURRENTLY x ON t(c)", "CREATE INDEX", null);
		assertCommandAndRelation("DROP INDEX IF EXISTS s.idx", "DROP INDEX", "S.IDX");
		assertCommandAndRelation("DROP TABLE IF EXISTS a, b", "DROP TABLE", "A");
		assertCommandAndRelation("CREATE OR REPLACE FORCE VIEW v AS SELECT 1", "CREATE VIEW", "V");
		assertCommandAndRelation("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW CALL \"com.example.Trigger\"",
				"CREATE TRIGGER", "T");
		assertCommandAndRelation("MERGE INTO t KEY (id) VALUES (1)", "MERGE", "T");
		assertCommandAndRelation("TRUNCATE TABLE t", "TRUNCATE TABLE", "T");
		assertCommandAndRelation("COMMENT ON COLUMN t.c IS 'x'", "COMMENT", "T");
		assertCommandAndRelation("SELECT * FROM t", "SELECT", "T");
		assertCommandAndRelation("CREATE SEQUENCE s", "CREATE SEQUENCE", null);
		assertCommandAndRelation("SET MODE PostgreSQL", "SET", null);
		assertCommandAndRelation("BEGIN TRANSACTION", "BEGIN", null);
		assertCommandAndRelation("END", "COMMIT", null);
	}

	@Test
	void readsPostgresOnlyCommandsAsUnknownWords() {
		assertCommandAndRelation("VACUUM t", "VACUUM", null);
		assertCommandAndRelation("REINDEX TABLE t", "REINDEX", null);
		assertCommandAndRelation("LOCK TABLE t IN SHARE MODE", "LOCK", null);
		assertCommandAndRelation("ABORT", "ABORT", null);
	}

	private void assertCommandAndRelation(String statement, String command, String relation) {
		assertThat(classify(statement)).as(statement)
			.extracting(ClassifiedStatement::command, ClassifiedStatement::relation)
			.containsExactly(command, relation);
	}

	private ClassifiedStatement classify(String sql) {
		return this.classifier.classify(new SqlStatement(sql, 1));
	}

}
