package io.migrator.core.internal.execute;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;

import io.migrator.core.MigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DirectivesTests {

	private static final String LOCATION = "classpath:db/migration/V3__index.sql";

	@Test
	void readsEveryDirective() throws IOException {
		Directives directives = read("""
				-- migrator:transaction=false
				-- migrator:lock-timeout=30s
				-- migrator:statement-timeout=2h
				CREATE INDEX CONCURRENTLY i ON t (c);
				""");
		assertThat(directives.transaction()).isFalse();
		assertThat(directives.lockTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(directives.statementTimeout()).isEqualTo(Duration.ofHours(2));
		assertThat(directives.overridesTimeouts()).isTrue();
	}

	@Test
	void readsThePlaceholdersDirective() throws IOException {
		assertThat(read("-- migrator:placeholders=false\nSELECT '${x}';\n").placeholders()).isFalse();
		assertThat(read("-- migrator:placeholders=TRUE\nSELECT 1;\n").placeholders()).isTrue();
		assertThat(read("SELECT 1;\n").placeholders()).isNull();
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> read("-- migrator:placeholders=off\nSELECT 1;\n"))
			.withMessage(LOCATION + " line 1: placeholders=off is not true or false");
	}

	@Test
	void readsTransactionTrue() throws IOException {
		assertThat(read("-- migrator:transaction=true\nSELECT 1;\n").transaction()).isTrue();
		assertThat(read("-- migrator:transaction=TRUE\nSELECT 1;\n").transaction()).isTrue();
		assertThat(read("-- migrator:transaction=False\nSELECT 1;\n").transaction()).isFalse();
	}

	@Test
	void hasNoDirectivesWhenTheScriptHasNone() throws IOException {
		Directives directives = read("-- Adds the orders table\nCREATE TABLE orders (id int);\n");
		assertThat(directives).isEqualTo(Directives.NONE);
		assertThat(directives.transaction()).isNull();
		assertThat(directives.lockTimeout()).isNull();
		assertThat(directives.statementTimeout()).isNull();
		assertThat(directives.overridesTimeouts()).isFalse();
		assertThat(read("")).isEqualTo(Directives.NONE);
	}

	@Test
	void transactionAloneDoesNotOverrideTimeouts() throws IOException {
		assertThat(read("-- migrator:transaction=false\n").overridesTimeouts()).isFalse();
		assertThat(read("-- migrator:lock-timeout=1s\n").overridesTimeouts()).isTrue();
		assertThat(read("-- migrator:statement-timeout=1s\n").overridesTimeouts()).isTrue();
	}

	@Test
	void rejectsANumberWithoutAUnitSoNobodyGuessesWhichOneIsMeant() {
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> read("-- migrator:lock-timeout=250\n"))
			.withMessageContaining("lock-timeout=250 has no unit")
			.withMessageContaining("line 1");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			500ms  | PT0.5S
			30s    | PT30S
			5m     | PT5M
			5min   | PT5M
			2h     | PT2H
			1d     | PT24H
			0      | PT0S
			10S    | PT10S
			5MIN   | PT5M
			""")
	void readsDurations(String value, Duration expected) throws IOException {
		Directives directives = read("-- migrator:lock-timeout=" + value + "\nSELECT 1;\n");
		assertThat(directives.lockTimeout()).isEqualTo(expected);
		assertThat(read("-- migrator:statement-timeout=" + value + "\n").statementTimeout()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-- migrator:lock-timeout=30s", "--migrator:lock-timeout=30s",
			"--   migrator:lock-timeout=30s", "-- migrator: lock-timeout = 30s", "   -- migrator:lock-timeout=30s   ",
			"-- migrator:lock-timeout=30s\t", "\t-- migrator:lock-timeout=30s", "--\tmigrator:lock-timeout=30s",
			"-- migrator:\tlock-timeout\t=\t30s", "-- migrator:LOCK-TIMEOUT=30s" })
	void readsDirectiveWrittenWithAnyWhitespace(String line) throws IOException {
		assertThat(read(line + "\nSELECT 1;\n").lockTimeout()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void readsDirectivesAfterBlankLinesAndOtherComments() throws IOException {
		Directives directives = read("""

				-- Builds the search index without blocking writes.

				-- migrator:transaction=false
				--
				-- migrator:statement-timeout=5min
				CREATE INDEX CONCURRENTLY i ON t (c);
				""");
		assertThat(directives.transaction()).isFalse();
		assertThat(directives.statementTimeout()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void readsCrLfScripts() throws IOException {
		Directives directives = read("-- migrator:transaction=false\r\n-- migrator:lock-timeout=3s\r\nSELECT 1;\r\n");
		assertThat(directives.transaction()).isFalse();
		assertThat(directives.lockTimeout()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void ignoresDirectiveAfterTheFirstStatement() throws IOException {
		Directives directives = read("""
				-- migrator:lock-timeout=30s
				CREATE TABLE t (id int);
				-- migrator:transaction=false
				-- migrator:unknown=1
				""");
		assertThat(directives.lockTimeout()).isEqualTo(Duration.ofSeconds(30));
		assertThat(directives.transaction()).isNull();
	}

	@Test
	void ignoresDirectiveAfterABlockComment() throws IOException {
		assertThat(read("/* header */\n-- migrator:transaction=false\nSELECT 1;\n")).isEqualTo(Directives.NONE);
	}

	@Test
	void letsTheLastOfARepeatedDirectiveWin() throws IOException {
		assertThat(read("-- migrator:lock-timeout=1s\n-- migrator:lock-timeout=2s\n").lockTimeout())
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void rejectsUnknownDirectiveNamingFileLineAndKnownKeys() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> read("-- Adds an index\n\n-- migrator:transactional=false\nSELECT 1;\n"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.satisfies((ex) -> assertThat(ex.script()).isEqualTo(LOCATION))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
			.withMessageContaining(LOCATION + " line 3")
			.withMessageContaining("'transactional'")
			.withMessageContaining("transaction, lock-timeout, statement-timeout, placeholders");
	}

	@ParameterizedTest
	@ValueSource(strings = { "-- migrator:lint-ignore-file=drop-table the table is unused since 2.3",
			"-- migrator:lint-ignore=create-index-non-concurrently,set-not-null small table (40 rows)",
			"--migrator: LINT-IGNORE-FILE = rename", "-- migrator:lint-ignore=" })
	void acceptsLintSuppressionsWithFreeTextAndIgnoresThemForExecution(String line) throws IOException {
		Directives directives = read(
				"-- Drops the legacy table\n" + line + "\n-- migrator:lock-timeout=5s\nDROP TABLE t;\n");
		assertThat(directives).isEqualTo(new Directives(null, Duration.ofSeconds(5), null));
	}

	@Test
	void stillRejectsOtherUnknownDirectivesBesideLintSuppressions() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> read("-- migrator:lint-ignore-file=rename reason\n-- migrator:lint=off\nSELECT 1;\n"))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
			.withMessageContaining("unknown directive 'lint'")
			.withMessageContaining("lint-ignore and lint-ignore-file");
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> read("-- migrator:lint-ignore rename reason\nSELECT 1;\n"))
			.withMessageContaining("line 1")
			.withMessageContaining("is not a directive");
	}

	@ParameterizedTest
	@ValueSource(strings = { "no", "0", "yes", "off", "1" })
	void rejectsValueThatIsNotABoolean(String value) {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> read("-- migrator:lock-timeout=1s\n-- migrator:transaction=" + value + "\n"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
			.withMessageContaining(LOCATION + " line 2")
			.withMessageContaining("transaction=" + value)
			.withMessageContaining("true or false");
	}

	@ParameterizedTest
	@ValueSource(strings = { "30x", "s", "-5s", "1.5s", "thirty", "30sec", "1h30m", "PT30S" })
	void rejectsValueThatIsNotADuration(String value) {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> read("-- migrator:statement-timeout=" + value + "\nSELECT 1;\n"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(1))
			.withMessageContaining(LOCATION + " line 1")
			.withMessageContaining("statement-timeout=" + value)
			.withMessageContaining("500ms, 30s, 5min or 2h");
	}

	@ParameterizedTest
	@ValueSource(strings = { "99999999999999999999s", "9223372036854775807d", "9999999999999999h" })
	void rejectsDurationTooLargeNamingFileAndLine(String value) {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> read("-- migrator:lock-timeout=" + value + "\nSELECT 1;\n"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(1))
			.withMessageContaining(LOCATION + " line 1")
			.withMessageContaining("lock-timeout=" + value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "-- migrator:", "-- migrator:transaction", "-- migrator:transaction=",
			"-- migrator:transaction=false -- online index", "-- migrator:lock_timeout=1s" })
	void rejectsMalformedDirectiveNamingFileAndLine(String line) {
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> read(line + "\nSELECT 1;\n"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(1))
			.withMessageContaining(LOCATION + " line 1");
	}

	@Test
	void resetsTheReaderToTheStartOfTheScript() throws IOException {
		String script = "-- migrator:transaction=false\n-- migrator:lock-timeout=30s\n\nCREATE INDEX CONCURRENTLY i ON t (c);\nSELECT 2;\n";
		BufferedReader reader = new BufferedReader(new StringReader(script));
		Directives.read(reader, LOCATION);
		assertThat(rest(reader)).isEqualTo(script);
	}

	@Test
	void resetsTheReaderWhenTheScriptIsOnlyComments() throws IOException {
		String script = "-- migrator:transaction=false\n-- nothing else\n";
		BufferedReader reader = new BufferedReader(new StringReader(script));
		assertThat(Directives.read(reader, LOCATION).transaction()).isFalse();
		assertThat(rest(reader)).isEqualTo(script);
	}

	@Test
	void resetsTheReaderAfterAFirstStatementLongerThanTheReadBuffer() throws IOException {
		String script = "INSERT INTO t VALUES " + "(1, 'abcdefghij'), ".repeat(200_000) + "(2, 'x');\n";
		BufferedReader reader = new BufferedReader(new StringReader(script));
		assertThat(Directives.read(reader, LOCATION)).isEqualTo(Directives.NONE);
		assertThat(rest(reader)).isEqualTo(script);
	}

	private static Directives read(String script) throws IOException {
		return Directives.read(new BufferedReader(new StringReader(script)), LOCATION);
	}

	private static String rest(BufferedReader reader) throws IOException {
		StringWriter out = new StringWriter();
		reader.transferTo(out);
		return out.toString();
	}

}
