package io.migrator.core.resolve;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;

/**
 * Reads scripts the one way the engine sees them: strict UTF-8, a leading byte order mark
 * dropped, and every line ending ({@code \r\n}, {@code \r}) read as {@code \n}, so a checkout on
 * another operating system has the same text and the same checksum.
 * <p>
 * The checksum is the SHA-256 of that normalised text encoded as UTF-8, in lowercase hex. It is
 * a cryptographic hash rather than Flyway's CRC32 so an edited script cannot collide with the
 * applied one by chance, and it can be reproduced with standard tools
 * ({@code sed 's/\r$//' V1__init.sql | sha256sum} for a file with CRLF endings).
 *
 * @since 0.1.0
 */
public final class ScriptText {

	private static final int BUFFER = 16 * 1024;

	private ScriptText() {
	}

	/**
	 * Open a script as normalised text, streaming; the caller closes the reader.
	 * @param resource the script
	 * @return the text
	 * @throws IOException if it cannot be opened
	 */
	public static Reader open(ScriptResource resource) throws IOException {
		InputStream in = resource.open();
		return new NormalizingReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT)), resource);
	}

	/**
	 * The checksum of a script, reading it once as a stream.
	 * @param resource the script
	 * @return the lowercase hex SHA-256 of its normalised text
	 * @throws MigrationException if it cannot be read or is not valid UTF-8
	 */
	public static String checksum(ScriptResource resource) {
		MessageDigest digest = sha256();
		CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
		CharBuffer chars = CharBuffer.allocate(BUFFER);
		// A char never takes more than 3 bytes in UTF-8 (a surrogate pair takes 4 for 2 chars).
		ByteBuffer bytes = ByteBuffer.allocate(BUFFER * 3);
		try (Reader reader = open(resource)) {
			while (reader.read(chars) != -1) {
				chars.flip();
				// Not the end of input: a high surrogate at the end of the chunk waits for its pair.
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
		catch (IOException ex) {
			throw new MigrationException(Reason.INVALID_SCRIPTS,
					"Cannot read " + resource.location() + ": " + ex.getMessage(), ex);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	static MigrationException notUtf8(String location, int line, Exception cause) {
		String where = (line > 0) ? " (line " + line + ")" : "";
		return new MigrationException(Reason.INVALID_SCRIPTS, location + " is not valid UTF-8" + where
				+ ": save the file as UTF-8 (migrator reads every script as UTF-8)", location, line, null, cause);
	}

	/**
	 * The line of the first byte sequence that is not UTF-8. Only called on that error, so
	 * reading the file again costs nothing on the normal path.
	 */
	private static int lineOfInvalidUtf8(ScriptResource resource) {
		try (InputStream in = resource.open()) {
			ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes());
			CharBuffer chars = CharBuffer.allocate(BUFFER);
			CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT);
			while (true) {
				CoderResult result = decoder.decode(bytes, chars, true);
				if (result.isError()) {
					break;
				}
				chars.clear();
				if (result.isUnderflow()) {
					return 0;
				}
			}
			int line = 1;
			for (int i = 0; i < bytes.position(); i++) {
				if (bytes.get(i) == '\n') {
					line++;
				}
			}
			return line;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * Drops a leading BOM and turns {@code \r\n} and {@code \r} into {@code \n}; reports invalid
	 * UTF-8 with the line it is on.
	 */
	private static final class NormalizingReader extends Reader {

		private final Reader in;

		private final ScriptResource resource;

		private final char[] buffer = new char[BUFFER];

		private int position;

		private int limit;

		private boolean first = true;

		private boolean pendingCr;

		NormalizingReader(Reader in, ScriptResource resource) {
			this.in = in;
			this.resource = resource;
		}

		@Override
		public int read(char[] target, int offset, int length) throws IOException {
			if (length == 0) {
				return 0;
			}
			int written = 0;
			while (written < length) {
				if (this.position == this.limit && !fill()) {
					break;
				}
				char c = this.buffer[this.position++];
				if (this.pendingCr) {
					this.pendingCr = false;
					if (c == '\n') {
						continue;
					}
				}
				if (c == '\r') {
					this.pendingCr = true;
					c = '\n';
				}
				target[offset + written++] = c;
			}
			return (written == 0) ? -1 : written;
		}

		private boolean fill() throws IOException {
			int read;
			try {
				read = this.in.read(this.buffer, 0, this.buffer.length);
			}
			catch (CharacterCodingException ex) {
				throw new NotUtf8(notUtf8(this.resource.location(), lineOfInvalidUtf8(this.resource), ex));
			}
			if (read <= 0) {
				return false;
			}
			this.position = 0;
			this.limit = read;
			if (this.first) {
				this.first = false;
				if (this.buffer[0] == '\uFEFF') {
					this.position = 1;
					return this.position < this.limit || fill();
				}
			}
			return true;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

	/**
	 * Carries the invalid UTF-8 failure through {@link Reader#read} as an {@link IOException}.
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
