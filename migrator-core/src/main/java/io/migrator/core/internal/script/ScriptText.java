package io.migrator.core.internal.script;

import io.migrator.core.resolve.ScriptFingerprint;
import io.migrator.core.resolve.ScriptResource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;
import java.util.zip.CRC32;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Reads scripts the one way the engine sees them: strict UTF-8, a leading byte order mark
 * dropped, and every line ending ({@code \r\n}, {@code \r}) read as {@code \n}, so a
 * checkout on another operating system has the same text and the same checksum.
 * <p>
 * The checksum is the SHA-256 of that normalised text encoded as UTF-8, in lowercase hex.
 * It is a cryptographic hash rather than Flyway's CRC32 so an edited script cannot
 * collide with the applied one by chance, and it can be reproduced with standard tools
 * ({@code sed 's/\r$//' V1__init.sql | sha256sum} for a file with CRLF endings).
 */
public final class ScriptText {

	private static final int BUFFER = 16 * 1024;

	/**
	 * Scripts up to this size are read in one go, decoded once and hashed from the same
	 * bytes; larger ones (data scripts) are streamed, so memory never grows with a
	 * script's size.
	 */
	static final int IN_MEMORY_LIMIT = 1024 * 1024;

	private ScriptText() {
	}

	/**
	 * Open a script as normalised text, streaming; the caller closes the reader.
	 * @param resource the script
	 * @return the text
	 * @throws IOException if it cannot be opened
	 */
	public static Reader open(ScriptResource resource) throws IOException {
		return normalizing(resource.open(), resource);
	}

	/**
	 * The checksum of a script, reading it once.
	 * @param resource the script
	 * @return the lowercase hex SHA-256 of its normalised text
	 * @throws MigrationException if it cannot be read or is not valid UTF-8
	 */
	public static String checksum(ScriptResource resource) {
		return hash(resource).checksum();
	}

	static String checksum(ScriptResource resource, int inMemoryLimit) {
		return read(resource, inMemoryLimit, (script) -> new Content(null, script.checksum(null), script.fingerprint()),
				(checksum) -> new Content(null, checksum, null))
			.checksum();
	}

	/**
	 * A script's checksum and the fingerprint of the bytes it was taken from, reading it
	 * once.
	 * @param resource the script
	 * @return the content, without its text
	 * @throws MigrationException if it cannot be read or is not valid UTF-8
	 */
	public static Content hash(ScriptResource resource) {
		return read(resource, IN_MEMORY_LIMIT,
				(script) -> new Content(null, script.checksum(null), script.fingerprint()),
				(checksum) -> new Content(null, checksum, null));
	}

	/**
	 * The fingerprint of a script's bytes, read without decoding or hashing them.
	 * @param resource the script
	 * @return the fingerprint
	 * @throws MigrationException if it cannot be read
	 */
	static ScriptFingerprint fingerprint(ScriptResource resource) {
		try (InputStream in = resource.open()) {
			CRC32 crc = new CRC32();
			byte[] buffer = new byte[8192];
			long size = 0;
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				crc.update(buffer, 0, read);
				size += read;
			}
			return new ScriptFingerprint(size, crc.getValue());
		}
		catch (IOException ex) {
			throw unreadable(resource, ex);
		}
	}

	/**
	 * A script's checksum, and its normalised text when it is small enough to hold, from
	 * one read.
	 * @param resource the script
	 * @return the content; its text is {@code null} when the script is larger than 1 MiB:
	 * stream it with {@link #open(ScriptResource)}
	 * @throws MigrationException if it cannot be read or is not valid UTF-8
	 */
	public static Content read(ScriptResource resource) {
		return read(resource, IN_MEMORY_LIMIT, (script) -> {
			String text = script.text();
			return new Content(text, script.checksum(text), script.fingerprint());
		}, (checksum) -> new Content(null, checksum, null));
	}

	/**
	 * Open the script once: up to the limit it is held as bytes, beyond it the bytes read
	 * so far and the rest of the stream are hashed as a stream.
	 */
	private static <T> T read(ScriptResource resource, int inMemoryLimit, Function<ScriptBytes, T> small,
			Function<String, T> large) {
		try (InputStream in = resource.open()) {
			byte[] head = in.readNBytes(inMemoryLimit + 1);
			if (head.length <= inMemoryLimit) {
				return small.apply(new ScriptBytes(head, resource));
			}
			return large
				.apply(streamingChecksum(new SequenceInputStream(new ByteArrayInputStream(head), in), resource));
		}
		catch (IOException ex) {
			throw unreadable(resource, ex);
		}
	}

	private static String streamingChecksum(InputStream in, ScriptResource resource) throws IOException {
		MessageDigest digest = ScriptBytes.sha256();
		CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
		CharBuffer chars = CharBuffer.allocate(BUFFER);
		// A char never takes more than 3 bytes in UTF-8 (a surrogate pair takes 4 for 2
		// chars).
		ByteBuffer bytes = ByteBuffer.allocate(BUFFER * 3);
		try (Reader reader = normalizing(in, resource)) {
			while (reader.read(chars) != -1) {
				chars.flip();
				// Not the end of input: a high surrogate at the end of the chunk waits
				// for its pair.
				encoder.encode(chars, bytes, false);
				digest.update(bytes.array(), 0, bytes.position());
				bytes.clear();
				chars.compact();
			}
			chars.flip();
			encoder.encode(chars, bytes, true);
			encoder.flush(bytes);
			digest.update(bytes.array(), 0, bytes.position());
		}
		catch (NotUtf8 ex) {
			throw ex.failure();
		}
		return ScriptBytes.hex(digest.digest());
	}

	private static Reader normalizing(InputStream in, ScriptResource resource) {
		return new NormalizingReader(new InputStreamReader(in, ScriptBytes.strictDecoder()), resource);
	}

	static MigrationException notUtf8(String location, int line, Exception cause) {
		String where = (line > 0) ? " (line " + line + ")" : "";
		return new MigrationException(Reason.INVALID_SCRIPTS,
				location + " is not valid UTF-8" + where
						+ ": save the file as UTF-8 (migrator reads every script as UTF-8)",
				location, line, null, cause);
	}

	private static MigrationException unreadable(ScriptResource resource, IOException ex) {
		if (ex instanceof NotUtf8 notUtf8) {
			return notUtf8.failure();
		}
		return new MigrationException(Reason.INVALID_SCRIPTS,
				"Cannot read " + resource.location() + ": " + ex.getMessage(), resource.location(), 0, null, ex);
	}

	/**
	 * A script's checksum, and its normalised text when it is small enough to hold.
	 *
	 * @param text the normalised text, {@code null} for a script over 1 MiB or when only
	 * the checksum was asked for
	 * @param checksum the checksum, see {@link ScriptText#checksum(ScriptResource)}
	 * @param fingerprint the fingerprint of the bytes read, {@code null} for a script
	 * over 1 MiB (it is streamed, not held)
	 */
	public record Content(@Nullable String text, String checksum, @Nullable ScriptFingerprint fingerprint) {

	}

	/**
	 * Carries the invalid UTF-8 failure through {@link Reader#read} as an
	 * {@link IOException}.
	 */
	public static final class NotUtf8 extends CharacterCodingException {

		private static final long serialVersionUID = 1L;

		private final transient MigrationException failure;

		NotUtf8(MigrationException failure) {
			this.failure = failure;
		}

		/**
		 * The failure naming the script and the line.
		 * @return the failure
		 */
		public MigrationException failure() {
			return this.failure;
		}

		@Override
		public String getMessage() {
			return this.failure.getMessage();
		}

	}

}
