package io.migrator.core.flyway;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.migrator.core.MigrationException;
import io.migrator.core.internal.flyway.FlywayChecksum;
import io.migrator.core.testsupport.TestScript;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Flyway's CRC32, against the values the real Flyway 13.12.2 wrote for the same bytes.
 */
class FlywayChecksumTests {

	@Test
	void isWhatFlywayRecordedForEachScript() {
		for (Map.Entry<String, byte[]> script : FlywaySet.SCRIPTS.entrySet()) {
			assertThat(FlywayChecksum.of(script(script.getKey(), script.getValue()))).as(script.getKey())
				.isEqualTo(FlywaySet.FLYWAY_CHECKSUMS.get(script.getKey()));
		}
	}

	@Test
	void ofTheTextIsOfTheFile() {
		for (Map.Entry<String, byte[]> script : FlywaySet.SCRIPTS.entrySet()) {
			String text = new String(script.getValue(), StandardCharsets.UTF_8);
			assertThat(FlywayChecksum.of(text)).as(script.getKey())
				.isEqualTo(FlywaySet.FLYWAY_CHECKSUMS.get(script.getKey()));
		}
	}

	@Test
	void lineEndingsATrailingNewlineAndBlankLinesDoNotCountAnythingElseDoes() {
		int lf = FlywayChecksum.of("a\nb\n");
		assertThat(FlywayChecksum.of("a\r\nb")).isEqualTo(lf);
		assertThat(FlywayChecksum.of("a\rb\n\n\n")).isEqualTo(lf);
		// Flyway feeds lines without their terminators: joining two lines is no change to
		// it.
		assertThat(FlywayChecksum.of("ab")).isEqualTo(lf);
		assertThat(FlywayChecksum.of("a \nb")).isNotEqualTo(lf);
	}

	@Test
	void dropsAByteOrderMarkAtTheStartOfEveryLineAsFlywayDoes() {
		assertThat(FlywayChecksum.of("\uFEFFa\n\uFEFFb")).isEqualTo(FlywayChecksum.of("a\nb"));
		assertThat(FlywayChecksum.of("a\uFEFFb")).isNotEqualTo(FlywayChecksum.of("ab"));
	}

	@Test
	void isTheSameForAScriptLargerThanOneReadBuffer() {
		String line = "INSERT INTO t VALUES ('größer als ein Puffer 顧客');\n";
		String text = line.repeat(2000);
		assertThat(FlywayChecksum.of(script("V1__big.sql", FlywaySet.utf8(text)))).isEqualTo(FlywayChecksum.of(text));
	}

	@Test
	void refusesAScriptThatIsNotUtf8() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> FlywayChecksum.of(script("V1__latin1.sql", new byte[] { 'a', '\n', (byte) 0xE9 })))
			.withMessageContaining("is not valid UTF-8 (line 2)");
	}

	private static TestScript script(String name, byte[] content) {
		return new TestScript(name, "test:" + name, () -> new ByteArrayInputStream(content));
	}

}
