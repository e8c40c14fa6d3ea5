package io.migrator.core.internal.script;

import io.migrator.core.resolve.ScriptResource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.migrator.core.MigrationException;
import io.migrator.core.testsupport.TestScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ScriptTextTests {

	private static final String LOCATION = "classpath:db/migration/V1__init.sql";

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final int BUFFER = 16 * 1024;

	private static final String SCRIPT = "CREATE TABLE t (id int);\n\nINSERT INTO t VALUES (1);\n-- done\n";

	@Test
	void checksumIsTheSameForEveryLineEnding() {
		String lf = checksum(utf8(SCRIPT));
		assertThat(checksum(utf8(SCRIPT.replace("\n", "\r\n")))).isEqualTo(lf);
		assertThat(checksum(utf8(SCRIPT.replace("\n", "\r")))).isEqualTo(lf);
	}

	@Test
	void checksumIsTheSameForMixedLineEndings() {
		String lf = checksum(utf8("a\nb\nc\n\nd"));
		assertThat(checksum(utf8("a\r\nb\rc\n\r\nd"))).isEqualTo(lf);
	}

	@Test
	void checksumIsTheSameWithAndWithoutByteOrderMark() {
		String plain = checksum(utf8(SCRIPT));
		assertThat(checksum(concat(BOM, utf8(SCRIPT)))).isEqualTo(plain);
		assertThat(checksum(concat(BOM, utf8(SCRIPT.replace("\n", "\r\n"))))).isEqualTo(plain);
	}

	@Test
	void keepsByteOrderMarkThatIsNotAtTheStart() {
		assertThat(checksum(concat(utf8("a"), BOM, utf8("b")))).isNotEqualTo(checksum(utf8("ab")));
	}

	@Test
	void checksumDiffersWhenContentDiffers() {
		assertThat(checksum(utf8(SCRIPT))).isNotEqualTo(checksum(utf8(SCRIPT.replace("(1)", "(2)"))));
		assertThat(checksum(utf8(SCRIPT))).isNotEqualTo(checksum(utf8(SCRIPT + "\n")));
		assertThat(checksum(utf8(SCRIPT))).isNotEqualTo(checksum(utf8(SCRIPT.replace("t (", "T ("))));
		assertThat(checksum(utf8("a\n\nb"))).isNotEqualTo(checksum(utf8("a\nb")));
	}

	@Test
	void checksumIsTheSha256HexOfTheTextWithLfEndingsAsUtf8() {
		String text = "CREATE TABLE café (naïve text);\n-- 日本語 😀\n";
		assertThat(checksum(utf8(text))).isEqualTo(sha256(text)).hasSize(64).matches("[0-9a-f]{64}");
		assertThat(checksum(concat(BOM, utf8(text.replace("\n", "\r\n"))))).isEqualTo(sha256(text));
	}

	@Test
	void checksumOfEmptyScriptIsTheSha256OfNothing() {
		assertThat(checksum(new byte[0])).isEqualTo(sha256(""));
		assertThat(checksum(BOM)).isEqualTo(sha256(""));
	}

	@ParameterizedTest
	@EnumSource
	void rejectsScriptThatIsNotUtf8NamingTheFileAndLine(Reading reading) {
		byte[] bytes = concat(utf8("CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES ('"),
				new byte[] { (byte) 0xC3, (byte) 0x28 }, utf8("');\n"));
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> reading.read(script(bytes)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.satisfies((ex) -> assertThat(ex.script()).isEqualTo(LOCATION))
			.withMessageContaining(LOCATION)
			.withMessageContaining("UTF-8")
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(3))
			.withMessageContaining("line 3");
	}

	@ParameterizedTest
	@EnumSource
	void rejectsLatin1ScriptNamingTheFile(Reading reading) {
		byte[] bytes = "SELECT 'café';\n".getBytes(StandardCharsets.ISO_8859_1);
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> reading.read(script(bytes)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining(LOCATION)
			.withMessageContaining("UTF-8");
	}

	@ParameterizedTest
	@EnumSource
	void rejectsTruncatedMultiByteCharacterAtTheEnd(Reading reading) {
		byte[] bytes = concat(utf8("SELECT 1;\n"), new byte[] { (byte) 0xE2, (byte) 0x82 });
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> reading.read(script(bytes)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining(LOCATION)
			.withMessageContaining("UTF-8");
	}

	@Test
	void reportsScriptThatCannotBeOpened() {
		ScriptResource missing = TestScript.unreadable("V1__init.sql", LOCATION, "no such file");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> ScriptText.checksum(missing))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining(LOCATION)
			.withMessageContaining("no such file");
	}

	@ParameterizedTest
	@ValueSource(ints = { BUFFER - 3, BUFFER - 2, BUFFER - 1, BUFFER, BUFFER + 1, 2 * BUFFER - 1, 3 * BUFFER - 1 })
	void checksumOfSurrogatePairAcrossTheBufferBoundaryIsTheSha256(int highSurrogateIndex) {
		String text = "x".repeat(highSurrogateIndex) + "😀" + "y".repeat(100) + "\n";
		assertThat(Character.isHighSurrogate(text.charAt(highSurrogateIndex))).isTrue();
		assertThat(text.length()).isGreaterThan(BUFFER);
		assertThat(checksum(utf8(text))).isEqualTo(sha256(text));
		assertThat(checksum(concat(BOM, utf8(text)))).isEqualTo(sha256(text));
	}

	@ParameterizedTest
	@ValueSource(ints = { BUFFER - 2, BUFFER - 1, BUFFER, BUFFER + 1 })
	void checksumOfMultiByteCharacterAcrossTheBufferBoundaryIsTheSha256(int index) {
		String text = "x".repeat(index) + "€日" + "é".repeat(BUFFER) + "\n";
		assertThat(checksum(utf8(text))).isEqualTo(sha256(text));
	}

	@Test
	void checksumOfManyEmojisIsTheSha256() {
		String text = "-- " + "😀🎉".repeat(3 * BUFFER) + "\nSELECT 1;\n";
		assertThat(checksum(utf8(text))).isEqualTo(sha256(text));
		assertThat(checksum(utf8(text.replace("\n", "\r\n")))).isEqualTo(sha256(text));
	}

	@ParameterizedTest
	@ValueSource(ints = { BUFFER - 2, BUFFER - 1, BUFFER, BUFFER + 1 })
	void readsCrLfAcrossTheBufferBoundaryAsOneLineEnd(int crIndex) throws IOException {
		String text = "x".repeat(crIndex) + "\n" + "y".repeat(10) + "\n";
		byte[] crlf = utf8(text.replace("\n", "\r\n"));
		assertThat(checksum(crlf)).isEqualTo(sha256(text));
		assertThat(read(crlf)).isEqualTo(text);
	}

	@Test
	void opensNormalisedText() throws IOException {
		byte[] bytes = concat(BOM, utf8("SELECT 1;\r\nSELECT 2;\rSELECT 3;\n\r\n-- é 😀\r\n"));
		String text = read(bytes);
		assertThat(text).isEqualTo("SELECT 1;\nSELECT 2;\nSELECT 3;\n\n-- é 😀\n");
		assertThat(text).doesNotContain("\r").doesNotContain("\uFEFF");
	}

	@Test
	void opensLongScriptWithByteOrderMarkAsNormalisedText() throws IOException {
		String text = ("SELECT 1;\n" + "-- 😀\n").repeat(5000);
		assertThat(read(concat(BOM, utf8(text.replace("\n", "\r\n"))))).isEqualTo(text);
	}

	@Test
	void opensScriptWithOnlyAByteOrderMarkAsEmptyText() throws IOException {
		assertThat(read(BOM)).isEmpty();
	}

	@Test
	void openedTextReportsInvalidUtf8AsIOException() {
		byte[] bytes = concat(utf8("SELECT 1;\n"), new byte[] { (byte) 0xC3, (byte) 0x28 });
		assertThatIOException().isThrownBy(() -> read(bytes))
			.withMessageContaining(LOCATION)
			.withMessageContaining("UTF-8");
	}

	@Test
	void scriptOverTheInMemoryLimitIsStreamedWithTheSameChecksum() {
		String line = "INSERT INTO t VALUES ('é 😀');\n";
		String text = line.repeat(ScriptText.IN_MEMORY_LIMIT / line.length() + 1);
		byte[] crlf = concat(BOM, utf8(text.replace("\n", "\r\n")));
		assertThat(crlf.length).isGreaterThan(ScriptText.IN_MEMORY_LIMIT);
		ScriptText.Content content = ScriptText.read(script(crlf));
		assertThat(content.text()).as("not held in memory").isNull();
		assertThat(content.checksum()).isEqualTo(sha256(text));
		assertThat(ScriptText.checksum(script(crlf))).isEqualTo(sha256(text));
	}

	@ParameterizedTest
	@ValueSource(ints = { 10, ScriptText.IN_MEMORY_LIMIT + 10 })
	void scriptThatChangedSinceItWasHashedIsRefusedWhenReadToRun(int size) {
		AtomicInteger opened = new AtomicInteger();
		String before = "SELECT 1;\n" + "-".repeat(size);
		String after = "SELECT 2;\n" + "-".repeat(size);
		Script script = new Script(ScriptName.parse("V1__init.sql"),
				script(() -> utf8((opened.getAndIncrement() == 0) ? before : after)));
		assertThat(script.checksum()).isEqualTo(sha256(before));
		assertThatExceptionOfType(MigrationException.class).isThrownBy(script::text)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining(LOCATION + " changed while migrator was running")
			.withMessageContaining("Nothing of it was applied");
	}

	@Test
	void scriptReadForItsTextIsNotReadAgainForItsChecksum() {
		AtomicInteger opened = new AtomicInteger();
		Script script = new Script(ScriptName.parse("V1__init.sql"),
				script(utf8(SCRIPT.replace("\n", "\r\n")), opened));
		assertThat(script.text()).isEqualTo(SCRIPT);
		assertThat(script.checksum()).isEqualTo(sha256(SCRIPT));
		assertThat(opened).hasValue(1);
	}

	private static String read(byte[] bytes) throws IOException {
		StringWriter out = new StringWriter();
		try (Reader reader = ScriptText.open(script(bytes))) {
			reader.transferTo(out);
		}
		return out.toString();
	}

	/**
	 * The checksum, asserting that a script read whole and the same script streamed (as
	 * one over the in-memory limit is) give the same one.
	 */
	private static String checksum(byte[] bytes) {
		String whole = ScriptText.checksum(script(bytes));
		assertThat(ScriptText.checksum(script(bytes), 0)).as("streamed").isEqualTo(whole);
		ScriptText.Content content = ScriptText.read(script(bytes));
		assertThat(content).isNotNull();
		assertThat(content.checksum()).as("read whole with its text").isEqualTo(whole);
		try {
			assertThat(content.text()).as("text read whole").isEqualTo(read(bytes));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return whole;
	}

	/**
	 * Each way a script is read: every one must reject what the others reject, the same
	 * way.
	 */
	enum Reading {

		CHECKSUM_WHOLE {
			@Override
			Object read(ScriptResource script) {
				return ScriptText.checksum(script);
			}
		},
		CHECKSUM_STREAMED {
			@Override
			Object read(ScriptResource script) {
				return ScriptText.checksum(script, 0);
			}
		},
		TEXT_WHOLE {
			@Override
			Object read(ScriptResource script) {
				return ScriptText.read(script);
			}
		};

		abstract Object read(ScriptResource script);

	}

	private static ScriptResource script(byte[] bytes) {
		return script(bytes, new AtomicInteger());
	}

	private static ScriptResource script(byte[] bytes, AtomicInteger opened) {
		return script(() -> {
			opened.incrementAndGet();
			return bytes;
		});
	}

	private static ScriptResource script(Supplier<byte[]> content) {
		return new TestScript("V1__init.sql", LOCATION, () -> new ByteArrayInputStream(content.get()));
	}

	private static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
