package io.migrator.core.internal.script;

import io.migrator.core.resolve.ScriptFingerprint;
import io.migrator.core.resolve.ScriptResource;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * A script held in memory as bytes: what it needs to become the normalised text, the
 * text, and the SHA-256 of either.
 */
final class ScriptBytes {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	/** Never updated: only cloned. */
	private static final MessageDigest SHA_256 = newSha256();

	private final byte[] bytes;

	private final ScriptResource resource;

	private final Kind kind;

	ScriptBytes(byte[] bytes, ScriptResource resource) {
		this.bytes = bytes;
		this.resource = resource;
		this.kind = kind(bytes);
	}

	/**
	 * The normalised text.
	 * @return the text
	 */
	String text() {
		return (this.kind == Kind.ASCII) ? new String(this.bytes, StandardCharsets.ISO_8859_1) : normalize(decode());
	}

	/**
	 * The checksum of the normalised text, computed from the given text when this kind of
	 * script needs one, else from the bytes as they are.
	 * @param text the normalised text if already known, or {@code null}
	 * @return the lowercase hex SHA-256
	 */
	String checksum(@Nullable String text) {
		if (this.kind == Kind.NEEDS_NORMALIZING) {
			return sha256Hex(((text != null) ? text : normalize(decode())).getBytes(StandardCharsets.UTF_8));
		}
		if (this.kind == Kind.UTF_8 && text == null) {
			// Only to check that it is UTF-8: the bytes are hashed as they are.
			decode();
		}
		return sha256Hex(this.bytes);
	}

	/**
	 * The size and CRC-32 of the bytes as read.
	 * @return the fingerprint
	 */
	ScriptFingerprint fingerprint() {
		return ScriptFingerprint.of(this.bytes, this.bytes.length);
	}

	private String decode() {
		try {
			return strictDecoder().decode(ByteBuffer.wrap(this.bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			throw ScriptText.notUtf8(this.resource.location(), lineOfInvalidUtf8(this.bytes), ex);
		}
	}

	/**
	 * What the bytes need, found in one pass. Valid UTF-8 with no byte order mark and no
	 * carriage return is already the normalised text's encoding (a strict decoder and the
	 * encoder are inverses), so it is hashed as it is; ASCII needs no decoder at all.
	 */
	private static Kind kind(byte[] bytes) {
		if (bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2]) {
			return Kind.NEEDS_NORMALIZING;
		}
		Kind kind = Kind.ASCII;
		for (byte b : bytes) {
			if (b == '\r') {
				return Kind.NEEDS_NORMALIZING;
			}
			if (b < 0) {
				kind = Kind.UTF_8;
			}
		}
		return kind;
	}

	/**
	 * Drops a leading byte order mark and reads {@code \r\n} and {@code \r} as
	 * {@code \n}.
	 */
	private static String normalize(String text) {
		String result = (!text.isEmpty() && text.charAt(0) == '\uFEFF') ? text.substring(1) : text;
		if (result.indexOf('\r') < 0) {
			return result;
		}
		return result.replace("\r\n", "\n").replace('\r', '\n');
	}

	static CharsetDecoder strictDecoder() {
		return StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	/**
	 * The line of the first byte sequence that is not UTF-8, 0 if there is none.
	 * @param content the bytes
	 * @return the line
	 */
	static int lineOfInvalidUtf8(byte[] content) {
		ByteBuffer bytes = ByteBuffer.wrap(content);
		CharBuffer chars = CharBuffer.allocate(8192);
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

	static MessageDigest sha256() {
		try {
			// A clone skips the provider lookup that getInstance repeats for every
			// script.
			return (MessageDigest) SHA_256.clone();
		}
		catch (CloneNotSupportedException ex) {
			return newSha256();
		}
	}

	static String hex(byte[] digest) {
		return HexFormat.of().formatHex(digest);
	}

	private static String sha256Hex(byte[] bytes) {
		return hex(sha256().digest(bytes));
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private enum Kind {

		/** ASCII without a carriage return: the bytes are the text. */
		ASCII,

		/**
		 * UTF-8 beyond ASCII, without a byte order mark or carriage return: decode to
		 * check it.
		 */
		UTF_8,

		/** A byte order mark or a carriage return: decode and normalise. */
		NEEDS_NORMALIZING

	}

}
