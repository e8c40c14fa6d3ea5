package io.migrator.core.resolve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
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
import org.jspecify.annotations.Nullable;

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

	/**
	 * Scripts up to this size are read in one go, decoded once and hashed from the same bytes;
	 * larger ones (data scripts) are streamed, so memory never grows with a script's size.
	 */
	static final int IN_MEMORY_LIMIT = 1024 * 1024;

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private static final int ASCII = 0;

	private static final int NOT_ASCII = 1;

	private static final int NEEDS_NORMALIZING = 2;

	/** Never updated: only cloned. */
	private static final MessageDigest SHA_256 = newSha256();

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
		return checksum(resource, IN_MEMORY_LIMIT);
	}

	static String checksum(ScriptResource resource, int inMemoryLimit) {
		try (InputStream in = resource.open()) {
			byte[] head = in.readNBytes(inMemoryLimit + 1);
			if (head.length <= inMemoryLimit) {
				return checksumOf(head, resource);
			}
			return streamingChecksum(new SequenceInputStream(new ByteArrayInputStream(head), in), resource);
		}
		catch (IOException ex) {
			throw unreadable(resource, ex);
		}
	}

	/**
	 * A script's normalised text and checksum from one read, when it is small enough to hold.
	 * @param resource the script
	 * @param withChecksum whether to compute the checksum too
	 * @return the content, or {@code null} when the script is larger than 1 MiB: stream it with
	 * {@link #open(ScriptResource)}
	 * @throws MigrationException if it cannot be read or is not valid UTF-8
	 */
	public static @Nullable Content read(ScriptResource resource, boolean withChecksum) {
		byte[] bytes;
		try (InputStream in = resource.open()) {
			bytes = in.readNBytes(IN_MEMORY_LIMIT + 1);
		}
		catch (IOException ex) {
			throw unreadable(resource, ex);
		}
		if (bytes.length > IN_MEMORY_LIMIT) {
			return null;
		}
		int kind = kind(bytes);
		String text = (kind == ASCII) ? new String(bytes, StandardCharsets.ISO_8859_1)
				: normalize(decode(bytes, resource));
		String checksum = null;
		if (withChecksum) {
			checksum = hex(sha256().digest((kind == NEEDS_NORMALIZING) ? text.getBytes(StandardCharsets.UTF_8) : bytes));
		}
		return new Content(text, checksum);
	}

	/**
	 * When the bytes are valid UTF-8 with no byte order mark and no carriage return they are
	 * already the normalised text's encoding (a strict decoder and the encoder are inverses), so
	 * they are hashed as they are, without decoding.
	 */
	private static String checksumOf(byte[] bytes, ScriptResource resource) {
		int kind = kind(bytes);
		if (kind == NEEDS_NORMALIZING) {
			String text = normalize(decode(bytes, resource));
			return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		if (kind == NOT_ASCII) {
			// Only to check that it is UTF-8: the bytes are hashed as they are.
			decode(bytes, resource);
		}
		return hex(sha256().digest(bytes));
	}

	private static String streamingChecksum(InputStream in, ScriptResource resource) throws IOException {
		MessageDigest digest = sha256();
		CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
		CharBuffer chars = CharBuffer.allocate(BUFFER);
		// A char never takes more than 3 bytes in UTF-8 (a surrogate pair takes 4 for 2 chars).
		ByteBuffer bytes = ByteBuffer.allocate(BUFFER * 3);
		try (Reader reader = normalizing(in, resource)) {
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
		return hex(digest.digest());
	}

	private static Reader normalizing(InputStream in, ScriptResource resource) {
		return new NormalizingReader(new InputStreamReader(in, strictDecoder()), resource);
	}

	private static CharsetDecoder strictDecoder() {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	private static String decode(byte[] bytes, ScriptResource resource) {
		try {
			return strictDecoder().decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			throw notUtf8(resource.location(), lineOfInvalidUtf8(bytes), ex);
		}
	}

	/** Drops a leading byte order mark and reads {@code \r\n} and {@code \r} as {@code \n}. */
	private static String normalize(String text) {
		String result = (!text.isEmpty() && text.charAt(0) == '\uFEFF') ? text.substring(1) : text;
		if (result.indexOf('\r') < 0) {
			return result;
		}
		return result.replace("\r\n", "\n").replace('\r', '\n');
	}

	/**
	 * What a script's bytes need, found in one pass: ASCII without a carriage return is already
	 * the normalised text; other UTF-8 without a byte order mark or carriage return only needs
	 * checking; anything else is decoded and normalised.
	 */
	private static int kind(byte[] bytes) {
		if (bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2]) {
			return NEEDS_NORMALIZING;
		}
		int kind = ASCII;
		for (byte b : bytes) {
			if (b == '\r') {
				return NEEDS_NORMALIZING;
			}
			if (b < 0) {
				kind = NOT_ASCII;
			}
		}
		return kind;
	}

	private static MigrationException unreadable(ScriptResource resource, IOException ex) {
		if (ex instanceof NotUtf8 notUtf8) {
			return notUtf8.failure();
		}
		return new MigrationException(Reason.INVALID_SCRIPTS, "Cannot read " + resource.location() + ": "
				+ ex.getMessage(), resource.location(), 0, null, ex);
	}

	private static String hex(byte[] digest) {
		return HexFormat.of().formatHex(digest);
	}

	/**
	 * A small script's normalised text, and its checksum when asked for.
	 *
	 * @param text the normalised text
	 * @param checksum the checksum, see {@link ScriptText#checksum(ScriptResource)}
	 */
	public record Content(String text, @Nullable String checksum) {

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
			return lineOfInvalidUtf8(in.readAllBytes());
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static int lineOfInvalidUtf8(byte[] content) {
		ByteBuffer bytes = ByteBuffer.wrap(content);
		CharBuffer chars = CharBuffer.allocate(BUFFER);
		CharsetDecoder decoder = strictDecoder();
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

	private static MessageDigest sha256() {
		try {
			// A clone skips the provider lookup that getInstance repeats for every script.
			return (MessageDigest) SHA_256.clone();
		}
		catch (CloneNotSupportedException ex) {
			return newSha256();
		}
	}

	private static MessageDigest newSha256() {
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
