package io.migrator.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MysqlStatementClassifierTests {

	private final MysqlStatementClassifier classifier = new MysqlStatementClassifier();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			CREATE TABLE `orders` (id INT)                     | CREATE TABLE     | orders          | COMMITS_IMPLICITLY
			CREATE TABLE IF NOT EXISTS shop.Orders (id INT)    | CREATE TABLE     | shop.Orders     | COMMITS_IMPLICITLY
			CREATE TEMPORARY TABLE scratch (id INT)            | CREATE TABLE     | scratch         | ANY
			DROP TEMPORARY TABLE IF EXISTS scratch             | DROP TABLE       | scratch         | ANY
			ALTER TABLE orders ADD COLUMN note TEXT            | ALTER TABLE      | orders          | COMMITS_IMPLICITLY
			DROP TABLE orders                                  | DROP TABLE       | orders          | COMMITS_IMPLICITLY
			CREATE UNIQUE INDEX i ON orders (id)               | CREATE INDEX     |                 | COMMITS_IMPLICITLY
			CREATE OR REPLACE ALGORITHM = MERGE VIEW v AS SELECT 1 | CREATE VIEW  |                 | COMMITS_IMPLICITLY
			CREATE DEFINER = 'app'@'%' PROCEDURE p() SELECT 1  | CREATE PROCEDURE |                 | COMMITS_IMPLICITLY
			RENAME TABLE a TO b                                | RENAME TABLE     | a               | COMMITS_IMPLICITLY
			TRUNCATE TABLE orders                              | TRUNCATE TABLE   | orders          | COMMITS_IMPLICITLY
			GRANT SELECT ON shop.* TO 'app'@'%'                | GRANT            |                 | COMMITS_IMPLICITLY
			LOCK TABLES orders WRITE                           | LOCK             |                 | COMMITS_IMPLICITLY
			SET PASSWORD FOR 'app'@'%' = PASSWORD('x')         | SET              |                 | COMMITS_IMPLICITLY
			SET @a = 1                                         | SET              |                 | ANY
			/*!40101 SET NAMES utf8mb4 */                      | SET              |                 | ANY
			/*!50001 CREATE VIEW v AS SELECT 1 */              | CREATE VIEW      |                 | COMMITS_IMPLICITLY
			INSERT INTO `order items` VALUES (1)               | INSERT           | order items     | ANY
			REPLACE INTO orders VALUES (1)                     | REPLACE          | orders          | ANY
			UPDATE LOW_PRIORITY orders SET id = 2              | UPDATE           | orders          | ANY
			DELETE QUICK FROM orders WHERE id = 1              | DELETE           | orders          | ANY
			# note\\nSELECT 1                                  | SELECT           |                 | ANY
			BEGIN                                              | BEGIN            |                 | BEGINS
			BEGIN WORK                                         | BEGIN            |                 | BEGINS
			BEGIN NOT ATOMIC SELECT 1; END                     | BEGIN            |                 | ANY
			START TRANSACTION READ WRITE                       | START TRANSACTION |                | BEGINS
			COMMIT                                             | COMMIT           |                 | ENDS
			ROLLBACK                                           | ROLLBACK         |                 | ENDS
			ROLLBACK TO SAVEPOINT s                            | ROLLBACK         |                 | ANY
			""")
	void classifiesByMysqlRules(String sql, String command, String relation, TransactionUse transaction) {
		ClassifiedStatement statement = this.classifier.classify(new SqlStatement(sql.replace("\\n", "\n"), 3));
		assertThat(statement.command()).isEqualTo(command);
		assertThat(statement.relation()).isEqualTo(relation);
		assertThat(statement.transaction()).isEqualTo(transaction);
		assertThat(statement.batchable()).isFalse();
		assertThat(statement.lock()).isNull();
		assertThat(statement.unsupported()).isNull();
		assertThat(statement.line()).isEqualTo(3);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			SOURCE other.sql
			source /tmp/other.sql
			""")
	void theClientsSourceCommandIsRefused(String sql) {
		assertThat(this.classifier.classify(new SqlStatement(sql, 1)).unsupported())
			.contains("SOURCE is a command of the mysql client")
			.contains("Inline the file's SQL");
	}

}
