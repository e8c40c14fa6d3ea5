package io.migrator.core.resolve;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fingerprint matches exactly the text the ledger records for it ({@code toString}),
 * and nothing else: a near miss must send the script to be hashed.
 */
class ScriptFingerprintTests {

	@Test
	void matchesTheTextItIsRecordedAsAndNoOtherFingerprints() {
		SplittableRandom random = new SplittableRandom(15);
		for (int i = 0; i < 10_000; i++) {
			ScriptFingerprint fingerprint = new ScriptFingerprint(random.nextLong(0, 1L << 40),
					random.nextLong(0, 1L << 32));
			assertThat(fingerprint.matches(fingerprint.toString())).as(fingerprint.toString()).isTrue();
			ScriptFingerprint other = new ScriptFingerprint(fingerprint.size() + 1, fingerprint.crc32());
			assertThat(other.matches(fingerprint.toString())).isFalse();
			other = new ScriptFingerprint(fingerprint.size(), fingerprint.crc32() ^ (1L << random.nextInt(32)));
			assertThat(other.matches(fingerprint.toString())).isFalse();
		}
		assertThat(new ScriptFingerprint(0, 0).matches("0:0")).isTrue();
		assertThat(new ScriptFingerprint(412, 0xffffffffL).matches("412:ffffffff")).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ":", "412", "412:", ":9a0f", "0412:9a0f", "412:09a0f", "412:9A0F", "+412:9a0f",
			"412:9a0f ", " 412:9a0f", "412:9a0f:0", "412;9a0f", "4120:9a0f", "412:9a0", "41:29a0f" })
	void aNearMissDoesNotMatch(String recorded) {
		ScriptFingerprint fingerprint = new ScriptFingerprint(412, 0x9a0f);
		assertThat(fingerprint.toString()).isEqualTo("412:9a0f");
		assertThat(fingerprint.matches(recorded)).isFalse();
	}

	@Test
	void aRowWithoutAFingerprintDoesNotMatch() {
		assertThat(new ScriptFingerprint(0, 0).matches(null)).isFalse();
	}

}
