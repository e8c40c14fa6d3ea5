package io.migrator.core.resolve;

import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

import org.jspecify.annotations.Nullable;

/**
 * The size and CRC-32 of a script's bytes, as they are (before line endings are
 * normalised). The ledger records it beside the SHA-256, so a start that finds a script's
 * fingerprint unchanged need not read and hash the script again: a jar's directory holds
 * both numbers for every entry, so a scanner can know them without opening the file.
 * Anything else still fails as before: a script whose fingerprint differs is hashed and
 * compared by its SHA-256, and {@code validate} always compares SHA-256.
 *
 * @param size the number of bytes
 * @param crc32 the CRC-32 of the bytes, as {@link CRC32#getValue()} gives it
 * @since 0.3.0
 */
public record ScriptFingerprint(long size, long crc32) {

	/**
	 * The fingerprint of bytes held in memory.
	 * @param bytes the bytes
	 * @param length how many of them, from the start
	 * @return the fingerprint
	 */
	public static ScriptFingerprint of(byte[] bytes, int length) {
		CRC32 crc = new CRC32();
		crc.update(bytes, 0, length);
		return new ScriptFingerprint(length, crc.getValue());
	}

	/**
	 * The fingerprint of a jar or zip entry, from the archive's directory: nothing is
	 * read.
	 * @param entry the entry, as listed by its archive
	 * @return the fingerprint, or {@code null} when the entry does not say its size and
	 * CRC-32
	 */
	public static @Nullable ScriptFingerprint of(ZipEntry entry) {
		return (entry.getSize() >= 0 && entry.getCrc() >= 0) ? new ScriptFingerprint(entry.getSize(), entry.getCrc())
				: null;
	}

	/**
	 * The fingerprint as the ledger records it, {@code <size>:<crc32 in hex>}.
	 * @return the text
	 */
	@Override
	public String toString() {
		return this.size + ":" + Long.toHexString(this.crc32);
	}

	/**
	 * Whether the ledger's text for a fingerprint is this one.
	 * @param recorded the recorded text, {@code null} for a row that has none
	 * @return whether it is this fingerprint
	 */
	public boolean matches(@Nullable String recorded) {
		// Compared in place: a no-op start compares one per script, and formatting each
		// fingerprint to compare texts costs more than the check it stands in for.
		if (recorded == null) {
			return false;
		}
		int colon = recorded.indexOf(':');
		return colon > 0 && colon < recorded.length() - 1 && matchesNumber(recorded, 0, colon, this.size, 10)
				&& matchesNumber(recorded, colon + 1, recorded.length(), this.crc32, 16);
	}

	/**
	 * Whether the text between the indexes is the number as {@link #toString()} writes
	 * it: lower-case digits, no sign, no leading zeros.
	 */
	private static boolean matchesNumber(String text, int from, int to, long number, int radix) {
		long value = number;
		for (int i = to - 1; i >= from; i--) {
			if (Character.forDigit((int) (value % radix), radix) != text.charAt(i)) {
				return false;
			}
			value /= radix;
			if (value == 0) {
				return i == from;
			}
		}
		return false;
	}

}
