package io.migrator.core.internal.flyway;

import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.internal.script.ScriptText;
import io.migrator.core.resolve.ScriptResource;

/**
 * The checksum Flyway stores in {@code flyway_schema_history.checksum}, computed as
 * Flyway 13 computes it ({@code ChecksumCalculator}):
 * <ol>
 * <li>read the script as lines ({@code BufferedReader.readLine}: {@code \n}, {@code \r\n}
 * and {@code \r} end a line and are not part of it);</li>
 * <li>drop a byte order mark at the start of each line;</li>
 * <li>update one CRC32 with each line's UTF-8 bytes, with no line terminator;</li>
 * <li>keep the low 32 bits as a signed {@code int}.</li>
 * </ol>
 * So line endings, a trailing newline and blank lines do not change it, and any other
 * change does. migrator's normalised text ({@link ScriptText}) already has one line
 * ending and no leading BOM, so this hashes that text with its {@code \n} left out.
 */
public final class FlywayChecksum {

	private static final char BOM = '\uFEFF';

	private FlywayChecksum() {
	}

	/**
	 * Flyway's checksum of a script file, streaming it.
	 * @param resource the script
	 * @return the checksum Flyway records for it
	 * @throws MigrationException if it cannot be read or is not valid UTF-8
	 */
	public static int of(ScriptResource resource) {
		Hasher hasher = new Hasher();
		char[] buffer = new char[16 * 1024];
		try (Reader reader = ScriptText.open(resource)) {
			int read;
			while ((read = reader.read(buffer)) != -1) {
				hasher.update(CharBuffer.wrap(buffer, 0, read));
			}
		}
		catch (ScriptText.NotUtf8 ex) {
			throw ex.failure();
		}
		catch (IOException ex) {
			throw new MigrationException(Reason.INVALID_SCRIPTS,
					"Cannot read " + resource.location() + ": " + ex.getMessage(), resource.location(), 0, null, ex);
		}
		return hasher.value();
	}

	/**
	 * Flyway's checksum of a text, such as a script after its placeholders were replaced
	 * (Flyway's checksum of a repeatable script).
	 * @param text the text; any line endings
	 * @return the checksum
	 */
	public static int of(String text) {
		Hasher hasher = new Hasher();
		hasher.update(CharBuffer.wrap(text));
		return hasher.value();
	}

	/**
	 * One CRC32 fed line by line: line terminators skipped, a BOM at a line's start
	 * dropped, each line's characters encoded to UTF-8 as they come (a surrogate pair
	 * split across two chunks waits for its second half in the encoder).
	 */
	private static final class Hasher {

		private final CRC32 crc = new CRC32();

		private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();

		private final CharBuffer line = CharBuffer.allocate(4096);

		private final ByteBuffer bytes = ByteBuffer.allocate(4096 * 3 + 4);

		private boolean atLineStart = true;

		void update(CharBuffer chars) {
			while (chars.hasRemaining()) {
				char c = chars.get();
				if (c == '\n' || c == '\r') {
					this.atLineStart = true;
					continue;
				}
				if (this.atLineStart) {
					this.atLineStart = false;
					if (c == BOM) {
						continue;
					}
				}
				if (!this.line.hasRemaining()) {
					flush(false);
				}
				this.line.put(c);
			}
		}

		private void flush(boolean end) {
			this.line.flip();
			this.encoder.encode(this.line, this.bytes, end);
			if (end) {
				this.encoder.flush(this.bytes);
			}
			this.crc.update(this.bytes.array(), 0, this.bytes.position());
			this.bytes.clear();
			this.line.compact();
		}

		int value() {
			flush(true);
			return (int) this.crc.getValue();
		}

	}

}
