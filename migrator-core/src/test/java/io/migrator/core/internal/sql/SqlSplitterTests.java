package io.migrator.core.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class SqlSplitterTests {

	// --- plain splitting
	// -------------------------------------------------------------------

	@Test
	void splitsOnSemicolonsAndDropsTheSemicolon() {
		assertThat(sqls("CREATE TABLE a (id int);\nINSERT INTO a VALUES (1);\n"))
			.containsExactly("CREATE TABLE a (id int)", "INSERT INTO a VALUES (1)");
	}

	@Test
	void keepsFinalStatementWithoutSemicolon() {
		assertThat(sqls("SELECT 1;\nSELECT 2\n\n  ")).containsExactly("SELECT 1", "SELECT 2");
	}

	@Test
	void trimsSurroundingWhitespaceButKeepsInnerLayout() {
		assertThat(sqls("  \n\t SELECT a,\n       b\n  FROM t   \n ;"))
			.containsExactly("SELECT a,\n       b\n  FROM t");
	}

	@Test
	void emptyScriptHasNoStatements() {
		assertThat(SqlSplitter.split("")).isEmpty();
		assertThat(SqlSplitter.split(" \n\t\n")).isEmpty();
	}

	@Test
	void commentOnlyScriptHasNoStatements() {
		assertThat(SqlSplitter.split("-- nothing here; really\n/* nor ; here */\n-- last line without newline"))
			.isEmpty();
	}

	@Test
	void dropsEmptyStatements() {
		assertThat(SqlSplitter.split(";;;")).isEmpty();
		assertThat(sqls(";SELECT 1;;; ;\n; -- x\n;SELECT 2;;")).containsExactly("SELECT 1", "SELECT 2");
	}

	// --- strings and identifiers
	// -----------------------------------------------------------

	@Test
	void semicolonInsideStringDoesNotSplit() {
		assertThat(sqls("INSERT INTO t VALUES ('a;b');SELECT 2")).containsExactly("INSERT INTO t VALUES ('a;b')",
				"SELECT 2");
	}

	@Test
	void doubledQuoteInsideStringIsAnEscapedQuote() {
		assertThat(sqls("SELECT 'it''s; still '' one';SELECT ''''; SELECT '';SELECT 4"))
			.containsExactly("SELECT 'it''s; still '' one'", "SELECT ''''", "SELECT ''", "SELECT 4");
	}

	@Test
	void backslashDoesNotEscapeInStandardString() {
		assertThat(sqls("SELECT 'C:\\';SELECT 2")).containsExactly("SELECT 'C:\\'", "SELECT 2");
	}

	@Test
	void backslashEscapesQuoteInEscapeString() {
		assertThat(sqls("SELECT E'it\\'s; fine';SELECT e'\\\\';SELECT E'a''b;'; SELECT 4"))
			.containsExactly("SELECT E'it\\'s; fine'", "SELECT e'\\\\'", "SELECT E'a''b;'", "SELECT 4");
	}

	@Test
	void escapeStringOnlyStartsAtTokenStart() {
		// "type" ends in e, but 'a\' is a standard string: the backslash does not escape
		assertThat(sqls("SELECT type'a\\';SELECT 2")).containsExactly("SELECT type'a\\'", "SELECT 2");
	}

	@Test
	void unicodeEscapeStringKeepsSemicolon() {
		assertThat(sqls("SELECT U&'d\\0061t;a'; SELECT u&'x''y;'; SELECT 3")).containsExactly("SELECT U&'d\\0061t;a'",
				"SELECT u&'x''y;'", "SELECT 3");
	}

	@Test
	void quotedIdentifierKeepsSemicolonAndDoubledQuote() {
		assertThat(sqls("CREATE TABLE \"we;ird\"\"name\" (\"a'b\" int);SELECT 2"))
			.containsExactly("CREATE TABLE \"we;ird\"\"name\" (\"a'b\" int)", "SELECT 2");
	}

	@Test
	void commentMarkersInsideStringsAreText() {
		assertThat(sqls("SELECT '--;', '/*;', \"--\";SELECT 2")).containsExactly("SELECT '--;', '/*;', \"--\"",
				"SELECT 2");
	}

	@Test
	void backslashInsideStringIsNotMetaCommand() {
		assertThat(sqls("SELECT '\\i x.sql';\nSELECT E'\n\\copy'")).containsExactly("SELECT '\\i x.sql'",
				"SELECT E'\n\\copy'");
	}

	@Test
	void nonAsciiTextIsKept() {
		assertThat(sqls("INSERT INTO größe VALUES ('ü;ñ', 'émoji 😀;');SELECT 2"))
			.containsExactly("INSERT INTO größe VALUES ('ü;ñ', 'émoji 😀;')", "SELECT 2");
	}

	// --- dollar quoting
	// ----------------------------------------------------------------------

	@Test
	void semicolonInsideDollarQuoteDoesNotSplit() {
		assertThat(sqls("SELECT $$a;b$$;SELECT $$$$;SELECT 3")).containsExactly("SELECT $$a;b$$", "SELECT $$$$",
				"SELECT 3");
	}

	@Test
	void taggedDollarQuoteIgnoresOtherTagsInside() {
		String function = """
				CREATE FUNCTION f() RETURNS text AS $fn$
				  SELECT $$inner; $$ || $x$;$x$ || $FN$;$FN$;
				$fn$ LANGUAGE sql""";
		assertThat(sqls(function + ";\nSELECT 2")).containsExactly(function, "SELECT 2");
	}

	@Test
	void positionalParameterIsNotDollarQuote() {
		assertThat(sqls("PREPARE p(int, int) AS SELECT $1 + $2;EXECUTE p(1, 2)"))
			.containsExactly("PREPARE p(int, int) AS SELECT $1 + $2", "EXECUTE p(1, 2)");
	}

	@Test
	void dollarInsideIdentifierIsNotDollarQuote() {
		assertThat(sqls("SELECT a$b$ FROM t;SELECT 2")).containsExactly("SELECT a$b$ FROM t", "SELECT 2");
	}

	@Test
	void dollarQuoteDirectlyAfterNumberOpensBody() {
		assertThat(sqls("SELECT 1$$;$$;SELECT 2")).containsExactly("SELECT 1$$;$$", "SELECT 2");
	}

	@Test
	void doBlockIsOneStatement() {
		String block = """
				DO $$
				DECLARE
				  n int := 0;
				BEGIN
				  FOR i IN 1..3 LOOP
				    n := n + i; -- it's fine
				  END LOOP;
				  RAISE NOTICE 'n = %; done', n;
				END
				$$""";
		assertThat(sqls(block + ";\nSELECT 1;")).containsExactly(block, "SELECT 1");
	}

	@Test
	void plpgsqlFunctionBodyIsOneStatement() {
		String function = """
				CREATE OR REPLACE FUNCTION touch() RETURNS trigger
				LANGUAGE plpgsql AS $body$
				BEGIN
				  IF NEW.updated IS NULL THEN
				    NEW.updated := now();
				  END IF;
				  RETURN NEW;
				END;
				$body$""";
		assertThat(sqls(function + ";\nCREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION touch();"))
			.containsExactly(function, "CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION touch()");
	}

	// --- comments
	// --------------------------------------------------------------------------

	@Test
	void lineCommentHidesSemicolonAndQuote() {
		assertThat(sqls("SELECT 1 -- it's; not the end\n, 2;SELECT 3"))
			.containsExactly("SELECT 1 -- it's; not the end\n, 2", "SELECT 3");
	}

	@Test
	void nestedBlockCommentHidesSemicolonsAndQuotes() {
		assertThat(sqls("SELECT 1 /* a /* b; 'c */ still; \"comment */ + 1;SELECT 2"))
			.containsExactly("SELECT 1 /* a /* b; 'c */ still; \"comment */ + 1", "SELECT 2");
	}

	@Test
	void dropsLeadingCommentsButKeepsInnerAndTrailingOnes() {
		assertThat(sqls("-- header; it's\n/* a /* nested; */ x */\nSELECT 1 /* inner */ -- tail\n;"))
			.containsExactly("SELECT 1 /* inner */ -- tail");
	}

	@Test
	void commentAfterSemicolonBelongsToNoStatement() {
		assertThat(sqls("SELECT 1; -- first done\nSELECT 2; /* second done */")).containsExactly("SELECT 1",
				"SELECT 2");
	}

	@Test
	void slashAndDashOperatorsAreNotComments() {
		assertThat(sqls("SELECT 4/2, 3-1, 2*/*x*/3;SELECT 2")).containsExactly("SELECT 4/2, 3-1, 2*/*x*/3", "SELECT 2");
	}

	// --- BEGIN ATOMIC and parentheses
	// -------------------------------------------------------

	@Test
	void beginAtomicBodyWithCaseIsOneStatement() {
		String function = """
				CREATE FUNCTION sign_text(x int) RETURNS text LANGUAGE sql
				BEGIN ATOMIC
				  SELECT CASE WHEN x > 0 THEN 'pos' WHEN x < 0 THEN 'neg' ELSE 'zero' END;
				  SELECT 'end;' || x;
				END""";
		assertThat(sqls(function + ";\nSELECT sign_text(1);")).containsExactly(function, "SELECT sign_text(1)");
	}

	@Test
	void beginAtomicProcedureWithCreateOrReplaceIsOneStatement() {
		String procedure = """
				create or replace procedure ins(a int)
				language sql
				begin atomic
				  insert into t values (case a when 1 then 'one' else 'many' end);
				  insert into t values ((select case when a > 0 then 'x' end));
				  -- end; in a comment does not count
				  select "end" from t;
				end""";
		assertThat(sqls(procedure + ";\nCALL ins(1);")).containsExactly(procedure, "CALL ins(1)");
	}

	@Test
	void transactionBeginOutsideFunctionSplitsNormally() {
		assertThat(sqls("BEGIN;\nCREATE TABLE t (id int);\nCOMMIT;\nBEGIN TRANSACTION; END;")).containsExactly("BEGIN",
				"CREATE TABLE t (id int)", "COMMIT", "BEGIN TRANSACTION", "END");
	}

	@Test
	void beginWordInOrdinaryStatementDoesNotSwallowTheNextOne() {
		assertThat(sqls("SELECT begin, \"end\" FROM events;CREATE TABLE case_begin (x int);SELECT 3"))
			.containsExactly("SELECT begin, \"end\" FROM events", "CREATE TABLE case_begin (x int)", "SELECT 3");
	}

	@Test
	void sqlFunctionWithoutAtomicBodyEndsAtSemicolon() {
		assertThat(sqls("CREATE FUNCTION one() RETURNS int RETURN CASE WHEN true THEN 1 END;SELECT one()"))
			.containsExactly("CREATE FUNCTION one() RETURNS int RETURN CASE WHEN true THEN 1 END", "SELECT one()");
	}

	@Test
	void semicolonInsideParenthesesDoesNotSplit() {
		String rule = "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO a VALUES (1); INSERT INTO b VALUES (2))";
		assertThat(sqls(rule + ";SELECT 2")).containsExactly(rule, "SELECT 2");
	}

	// --- line numbers
	// ------------------------------------------------------------------------

	@Test
	void reportsLineOfEachStatementsFirstToken() {
		String script = """
				-- V1: schema

				CREATE TABLE a (
				  id int
				);
				/* a comment
				   over two lines; */
				INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);
				INSERT INTO a VALUES ('multi
				line;
				string');
				SELECT $$
				;
				$$;

				   SELECT 'last'""";
		assertThat(SqlSplitter.split(script)).extracting(SqlStatement::line, SqlStatement::sql)
			.containsExactly(tuple(3, "CREATE TABLE a (\n  id int\n)"), tuple(8, "INSERT INTO a VALUES (1)"),
					tuple(8, "INSERT INTO a VALUES (2)"), tuple(9, "INSERT INTO a VALUES ('multi\nline;\nstring')"),
					tuple(12, "SELECT $$\n;\n$$"), tuple(16, "SELECT 'last'"));
	}

	@Test
	void countsWindowsAndLoneCarriageReturnLineEndings() {
		assertThat(SqlSplitter.split("SELECT 1;\r\n\r\nSELECT 2;\rSELECT 3 -- c\r;\r\n/* x\r */ SELECT 4"))
			.extracting(SqlStatement::line, SqlStatement::sql)
			.containsExactly(tuple(1, "SELECT 1"), tuple(3, "SELECT 2"), tuple(4, "SELECT 3 -- c"),
					tuple(7, "SELECT 4"));
	}

	@Test
	void skipsByteOrderMarkAtStart() {
		assertThat(SqlSplitter.split("\uFEFFSELECT 1")).containsExactly(new SqlStatement("SELECT 1", 1));
	}

	// --- psql meta-commands
	// ------------------------------------------------------------------

	@Test
	void rejectsIncludeMetaCommandWithItsLine() {
		assertThatThrownBy(() -> SqlSplitter.split("SELECT 1;\n\n  \\i other.sql\nSELECT 2;"))
			.isInstanceOf(SqlSyntaxException.class)
			.hasMessage("psql meta-command '\\i' is not supported: migrator sends SQL to the server over"
					+ " JDBC, it is not psql. Inline the SQL instead")
			.extracting(e -> ((SqlSyntaxException) e).line())
			.isEqualTo(3);
	}

	@Test
	void namesTheActualMetaCommand() {
		assertThat(syntaxError("\\set ON_ERROR_STOP on\nSELECT 1;"))
			.hasMessageStartingWith("psql meta-command '\\set' is not supported")
			.returns(1, SqlSyntaxException::line);
		assertThat(syntaxError("SELECT 1;\n\\connect other"))
			.hasMessageStartingWith("psql meta-command '\\connect' is not supported")
			.returns(2, SqlSyntaxException::line);
		assertThat(syntaxError("-- load data\n/* below */\n\\copy t FROM 'data.csv' CSV"))
			.hasMessageStartingWith("psql meta-command '\\copy' is not supported")
			.hasMessageContaining("COPY FROM a file on the database server")
			.returns(3, SqlSyntaxException::line);
	}

	@Test
	void rejectsMetaCommandAfterStatementOnSameLineOrInsideIt() {
		assertThat(syntaxError("SELECT 1; \\echo hi")).hasMessageStartingWith("psql meta-command '\\echo'");
		assertThat(syntaxError("SELECT 1;\nSELECT now() AS t\n\\gset\n"))
			.hasMessageStartingWith("psql meta-command '\\gset'")
			.returns(3, SqlSyntaxException::line);
	}

	@Test
	void explainsCopyDataTerminator() {
		assertThat(syntaxError("COPY t FROM stdin;\n1\n2\n\\.\n")).hasMessageContaining("COPY ... FROM STDIN")
			.returns(4, SqlSyntaxException::line);
	}

	@Test
	void returnsStatementsBeforeMetaCommandFromStream() {
		Iterator<SqlStatement> statements = SqlSplitter.stream(new StringReader("SELECT 1;\n\\i x.sql"));
		assertThat(statements.next()).isEqualTo(new SqlStatement("SELECT 1", 1));
		assertThat(statements.hasNext()).isTrue();
		assertThatThrownBy(statements::next).isInstanceOf(SqlSyntaxException.class);
		assertThat(statements.hasNext()).isFalse();
	}

	// --- unterminated constructs
	// -------------------------------------------------------------

	@Test
	void rejectsUnterminatedString() {
		assertThat(syntaxError("SELECT 1;\nSELECT 'it''s open;\nSELECT 3;"))
			.hasMessageStartingWith("unterminated string opened on line 2")
			.returns(2, SqlSyntaxException::line);
	}

	@Test
	void rejectsUnterminatedEscapeString() {
		assertThat(syntaxError("\nSELECT E'ends with escaped quote\\';"))
			.hasMessageStartingWith("unterminated escape string E'...' opened on line 2")
			.returns(2, SqlSyntaxException::line);
		assertThat(syntaxError("SELECT E'\\")).returns(1, SqlSyntaxException::line);
	}

	@Test
	void rejectsUnterminatedQuotedIdentifier() {
		assertThat(syntaxError("SELECT 1;\n\n\nCREATE TABLE \"t (id int);"))
			.hasMessageStartingWith("unterminated quoted identifier opened on line 4")
			.returns(4, SqlSyntaxException::line);
	}

	@Test
	void rejectsUnterminatedDollarQuoteNamingItsTag() {
		String script = "SELECT 1;\n".repeat(11) + "CREATE FUNCTION f() RETURNS int AS $body$\nSELECT 1;\n$bod$;";
		assertThat(syntaxError(script))
			.hasMessageStartingWith("unterminated dollar-quoted string $body$ opened on line 12")
			.returns(12, SqlSyntaxException::line);
		assertThat(syntaxError("DO $$ BEGIN END $"))
			.hasMessageStartingWith("unterminated dollar-quoted string $$ opened on line 1");
	}

	@Test
	void rejectsUnterminatedNestedBlockComment() {
		assertThat(syntaxError("SELECT 1;\n/* outer /* inner */ still open\nSELECT 2;"))
			.hasMessageStartingWith("unterminated block comment opened on line 2")
			.returns(2, SqlSyntaxException::line);
	}

	@Test
	void rejectsUnclosedParenthesis() {
		assertThat(syntaxError("SELECT 1;\nCREATE TABLE t (id int;\nSELECT 2;"))
			.hasMessageStartingWith("unclosed parenthesis opened on line 2")
			.returns(2, SqlSyntaxException::line);
	}

	@Test
	void rejectsBeginAtomicWithoutEnd() {
		assertThat(syntaxError("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n"))
			.hasMessageStartingWith("unterminated BEGIN ATOMIC function body opened on line 2")
			.returns(2, SqlSyntaxException::line);
	}

	// --- streaming
	// ---------------------------------------------------------------------------

	@Test
	void streamsLargeGeneratedScriptLazily() {
		int count = 200_000;
		Iterator<SqlStatement> statements = SqlSplitter.stream(new GeneratedInserts(count));
		int seen = 0;
		SqlStatement last = null;
		while (statements.hasNext()) {
			last = statements.next();
			seen++;
		}
		assertThat(seen).isEqualTo(count);
		String lastInsert = GeneratedInserts.insert(count - 1);
		assertThat(last)
			.isEqualTo(new SqlStatement(lastInsert.substring(0, lastInsert.lastIndexOf(';')), 2 * count - 1));
	}

	@Test
	void oneCharacterAtATimeReaderGivesSameResultAsString() {
		String script = """
				-- nasty; it's
				/* a /* b */ c; */ CREATE FUNCTION f() RETURNS text AS $fn$ SELECT $$;$$ $fn$ LANGUAGE sql;
				SELECT E'\\';', 'x''y', "a;""b" -- end;
				;
				create procedure p() language sql begin atomic select case when true then 1 end; end;
				SELECT 1$$x$$\r\nSELECT $1""";
		List<SqlStatement> streamed = new ArrayList<>();
		SqlSplitter.stream(new TrickleReader(script)).forEachRemaining(streamed::add);
		assertThat(streamed).isEqualTo(SqlSplitter.split(script)).hasSize(4);
	}

	@Test
	void statementLongerThanReadBufferIsKeptWhole() {
		String body = "x;".repeat(20_000);
		String statement = "SELECT $tag$" + body + "$tag$";
		assertThat(sqls(statement + ";SELECT 2")).containsExactly(statement, "SELECT 2");
	}

	@Test
	void readFailureSurfacesAsUncheckedIoException() {
		Reader failing = new Reader() {
			@Override
			public int read(char[] buffer, int offset, int length) throws IOException {
				throw new IOException("disk gone");
			}

			@Override
			public void close() {
			}
		};
		Iterator<SqlStatement> statements = SqlSplitter.stream(failing);
		assertThat(statements.hasNext()).isTrue();
		assertThatThrownBy(statements::next).isInstanceOf(UncheckedIOException.class).hasMessageContaining("disk gone");
	}

	@Test
	void exhaustedIteratorThrowsNoSuchElement() {
		Iterator<SqlStatement> statements = SqlSplitter.stream(new StringReader("SELECT 1"));
		statements.next();
		assertThat(statements.hasNext()).isFalse();
		assertThatThrownBy(statements::next).isInstanceOf(NoSuchElementException.class);
	}

	// --- helpers
	// -----------------------------------------------------------------------------

	private static List<String> sqls(String script) {
		return SqlSplitter.split(script).stream().map(SqlStatement::sql).toList();
	}

	private static SqlSyntaxException syntaxError(String script) {
		try {
			SqlSplitter.split(script);
		}
		catch (SqlSyntaxException e) {
			return e;
		}
		throw new AssertionError("expected a SqlSyntaxException for: " + script);
	}

	/**
	 * Produces numbered two-line INSERT statements on demand, never holding the whole
	 * script.
	 */
	private static final class GeneratedInserts extends Reader {

		private final int count;

		private int produced;

		private String pending = "";

		private int offset;

		GeneratedInserts(int count) {
			this.count = count;
		}

		static String insert(int i) {
			return "INSERT INTO t (id, note) VALUES (" + i + ",\n 'row; ''" + i + "''');\n";
		}

		@Override
		public int read(char[] buffer, int off, int length) {
			if (offset == pending.length()) {
				if (produced == count) {
					return -1;
				}
				pending = insert(produced++);
				offset = 0;
			}
			int n = Math.min(length, pending.length() - offset);
			pending.getChars(offset, offset + n, buffer, off);
			offset += n;
			return n;
		}

		@Override
		public void close() {
		}

	}

	/** Hands out one character per read, so every look-ahead crosses a buffer refill. */
	private static final class TrickleReader extends Reader {

		private final String text;

		private int position;

		TrickleReader(String text) {
			this.text = text;
		}

		@Override
		public int read(char[] buffer, int off, int length) {
			if (position == text.length()) {
				return -1;
			}
			buffer[off] = text.charAt(position++);
			return 1;
		}

		@Override
		public void close() {
		}

	}

}
