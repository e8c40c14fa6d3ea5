package io.migrator.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The MySQL and MariaDB splitter, which follows the {@code mysql} client; the PostgreSQL
 * splitter's own rules are {@link SqlSplitterTests}'.
 */
class MysqlSplitterTests {

	@Test
	void splitsOnSemicolonsAndKeepsALastStatementWithoutOne() {
		assertThat(sqls("CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);\nSELECT 2\n"))
			.containsExactly("CREATE TABLE a (id INT)", "INSERT INTO a VALUES (1)", "SELECT 2");
	}

	@Test
	void aSemicolonInsideBackticksOrStringsDoesNotSplit() {
		assertThat(sqls("CREATE TABLE `a;b` (`c``;` INT);\nINSERT INTO `a;b` VALUES ('x;y', \"p;q\");"))
			.containsExactly("CREATE TABLE `a;b` (`c``;` INT)", "INSERT INTO `a;b` VALUES ('x;y', \"p;q\")");
	}

	@Test
	void backslashEscapesAQuoteInsideAString() {
		assertThat(sqls("INSERT INTO t VALUES ('it\\'s; fine', 'a\\\\');\nSELECT 'it''s';"))
			.containsExactly("INSERT INTO t VALUES ('it\\'s; fine', 'a\\\\')", "SELECT 'it''s'");
	}

	@Test
	void hashAndDashDashSpaceCommentsHideSemicolons() {
		assertThat(sqls("# leading; comment\nSELECT 1 # inner; comment\n;\n-- another; one\nSELECT 2;"))
			.containsExactly("SELECT 1 # inner; comment", "SELECT 2");
	}

	@Test
	void twoDashesWithoutASpaceAreMinusMinus() {
		assertThat(sqls("SELECT 5--1;\nSELECT 3;")).containsExactly("SELECT 5--1", "SELECT 3");
	}

	@Test
	void blockCommentsDoNotNestAndHideSemicolons() {
		assertThat(sqls("/* a; /* b; */ SELECT 1;\nSELECT /* ; */ 2;")).containsExactly("SELECT 1", "SELECT /* ; */ 2");
	}

	@Test
	void conditionalCommentsAreCodeAndKeptWhole() {
		assertThat(sqls("/*!40101 SET NAMES utf8mb4 */;\n/*M!100500 SET @a = 1; */;\nSELECT 1;"))
			.containsExactly("/*!40101 SET NAMES utf8mb4 */", "/*M!100500 SET @a = 1; */", "SELECT 1");
	}

	@Test
	void delimiterLetsAProcedureBodyHoldSemicolons() {
		String script = """
				CREATE TABLE audit (msg VARCHAR(100));
				DELIMITER //
				CREATE PROCEDURE log_it(m VARCHAR(100))
				BEGIN
				  INSERT INTO audit VALUES (CONCAT(m, ';'));
				  INSERT INTO audit VALUES ('two');
				END //
				CREATE TRIGGER t BEFORE INSERT ON audit FOR EACH ROW BEGIN SET NEW.msg = TRIM(NEW.msg); END//
				DELIMITER ;
				CALL log_it('x');
				""";
		assertThat(SqlSplitter.split(script)).isNotEmpty(); // PostgreSQL's rules read it
															// otherwise
		assertThat(statements(script)).extracting(SqlStatement::line, SqlStatement::sql)
			.containsExactly(tuple(1, "CREATE TABLE audit (msg VARCHAR(100))"), tuple(3,
					"CREATE PROCEDURE log_it(m VARCHAR(100))\nBEGIN\n  INSERT INTO audit VALUES (CONCAT(m, ';'));\n"
							+ "  INSERT INTO audit VALUES ('two');\nEND"),
					tuple(8, "CREATE TRIGGER t BEFORE INSERT ON audit FOR EACH ROW BEGIN SET NEW.msg = TRIM(NEW.msg); END"),
					tuple(10, "CALL log_it('x')"));
	}

	@Test
	void delimiterIsCaseInsensitiveAndTakesAnySymbols() {
		assertThat(sqls("delimiter $$\nSELECT 1; SELECT 2$$\nDelimiter ;\nSELECT 3;"))
			.containsExactly("SELECT 1; SELECT 2", "SELECT 3");
	}

	@Test
	void aWordStartingWithDIsAStatement() {
		assertThat(sqls("DROP TABLE a;\nDELETE FROM b;\nDELIMITERS;")).containsExactly("DROP TABLE a", "DELETE FROM b",
				"DELIMITERS");
	}

	@Test
	void aDelimiterOfLettersIsRefusedWithTheLine() {
		assertThatThrownBy(() -> sqls("SELECT 1;\nDELIMITER end\n"))
			.isInstanceOfSatisfying(SqlSyntaxException.class, (ex) -> assertThat(ex.line()).isEqualTo(2))
			.hasMessageContaining("DELIMITER needs a delimiter of symbols");
	}

	@Test
	void unterminatedQuotesAndCommentsNameTheLineTheyOpenOn() {
		assertThatThrownBy(() -> sqls("SELECT 1;\nSELECT 'open;\n"))
			.isInstanceOfSatisfying(SqlSyntaxException.class, (ex) -> assertThat(ex.line()).isEqualTo(2))
			.hasMessageContaining("unterminated string opened on line 2");
		assertThatThrownBy(() -> sqls("SELECT `open;\n"))
			.hasMessageContaining("unterminated quoted identifier opened on line 1");
		assertThatThrownBy(() -> sqls("\n\nSELECT 1 /* open;\n")).hasMessageContaining("comment opened on line 3");
	}

	@Test
	void emptyStatementsAndCommentOnlyScriptsYieldNothing() {
		assertThat(sqls(";;\n-- nothing\n# nothing\n/* nothing */\n")).isEmpty();
		assertThat(sqls("DELIMITER //\n//\nSELECT 1//\n")).containsExactly("SELECT 1");
	}

	@Test
	void aByteOrderMarkIsNotPartOfTheFirstStatement() {
		assertThat(sqls("\uFEFFDELIMITER //\nSELECT 1; SELECT 2//\n")).containsExactly("SELECT 1; SELECT 2");
	}

	@Test
	void streamingFromAReaderSplitsAlike() {
		String script = "SELECT 'a;b';\nDELIMITER //\nSELECT 1; SELECT 2//\n";
		List<String> streamed = new ArrayList<>();
		SqlSplitter.streamMysql(new StringReader(script)).forEachRemaining((s) -> streamed.add(s.sql()));
		assertThat(streamed).containsExactlyElementsOf(sqls(script))
			.containsExactly("SELECT 'a;b'", "SELECT 1; SELECT 2");
	}

	private static List<SqlStatement> statements(String script) {
		List<SqlStatement> statements = new ArrayList<>();
		Iterator<SqlStatement> split = SqlSplitter.streamMysql(script);
		split.forEachRemaining(statements::add);
		return statements;
	}

	private static List<String> sqls(String script) {
		return statements(script).stream().map(SqlStatement::sql).toList();
	}

}
