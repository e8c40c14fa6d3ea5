package io.migrator.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VersionTests {

	@Test
	void comparesNumericallyPartByPart() {
		assertThat(Version.parse("1")).isLessThan(Version.parse("1.1"));
		assertThat(Version.parse("1.1")).isLessThan(Version.parse("2"));
		assertThat(Version.parse("2")).isLessThan(Version.parse("10"));
		assertThat(Version.parse("1.9")).isLessThan(Version.parse("1.10"));
		assertThat(Version.parse("1.10")).isGreaterThan(Version.parse("1.9"));
		assertThat(Version.parse("1.2.3")).isLessThan(Version.parse("1.3"));
	}

	@Test
	void sortsNumericallyNotAsText() {
		List<Version> versions = new ArrayList<>();
		for (String text : List.of("10", "2", "1.10", "1.1", "1", "1.9", "1.0.1")) {
			versions.add(Version.parse(text));
		}
		Collections.sort(versions);
		assertThat(versions).extracting(Version::toString)
			.containsExactly("1", "1.0.1", "1.1", "1.9", "1.10", "2", "10");
	}

	@Test
	void readsUnderscoresAsDots() {
		Version underscores = Version.parse("2024_05_01");
		Version dots = Version.parse("2024.05.01");
		assertThat(underscores).isEqualTo(dots);
		assertThat(underscores).hasSameHashCodeAs(dots);
		assertThat(underscores).isEqualByComparingTo(dots);
		assertThat(Version.parse("1_2.3")).isEqualTo(Version.parse("1.2.3"));
	}

	@Test
	void ignoresTrailingZeroParts() {
		Version one = Version.parse("1");
		Version oneZero = Version.parse("1.0");
		Version oneZeroZero = Version.parse("1.0.0");
		assertThat(oneZero).isEqualTo(one).isEqualTo(oneZeroZero);
		assertThat(oneZero).hasSameHashCodeAs(one);
		assertThat(oneZeroZero).hasSameHashCodeAs(one);
		assertThat(oneZero).isEqualByComparingTo(one);
		assertThat(Version.parse("1.0.1")).isNotEqualTo(one).isGreaterThan(one);
	}

	@Test
	void ignoresLeadingZerosInAPart() {
		assertThat(Version.parse("1.01")).isEqualTo(Version.parse("1.1"));
		assertThat(Version.parse("2024.05.01")).isLessThan(Version.parse("2024.5.2"));
		assertThat(Version.parse("0010.0002")).isEqualTo(Version.parse("10.2")).isGreaterThan(Version.parse("9.30"));
		assertThat(Version.parse("000000000000000000000000001")).isEqualTo(Version.parse("1"))
			.isLessThan(Version.parse("2"));
	}

	@Test
	void zeroIsBeforeEveryVersionAndEqualsParsedZero() {
		assertThat(Version.parse("0")).isEqualTo(Version.ZERO).hasSameHashCodeAs(Version.ZERO);
		assertThat(Version.parse("0.0")).isEqualTo(Version.ZERO);
		assertThat(Version.parse("0.0.1")).isGreaterThan(Version.ZERO);
		assertThat(Version.parse("1")).isGreaterThan(Version.ZERO);
		assertThat(Version.ZERO).hasToString("0");
	}

	@Test
	void comparesHugeParts() {
		Version big = Version.parse("20240501123045000001");
		Version bigger = Version.parse("20240501123045000002");
		Version longer = Version.parse("99999999999999999999.1");
		assertThat(big).isLessThan(bigger);
		assertThat(bigger).isLessThan(longer);
		assertThat(Version.parse("18446744073709551616")).isGreaterThan(Version.parse("18446744073709551615"));
		assertThat(Version.parse("12345678901234567890.0")).isEqualTo(Version.parse("12345678901234567890"));
		assertThat(big).hasToString("20240501123045000001");
	}

	@Test
	void answersNewerThanAndAtLeast() {
		Version one = Version.parse("1");
		Version two = Version.parse("2");
		assertThat(two.isNewerThan(one)).isTrue();
		assertThat(one.isNewerThan(two)).isFalse();
		assertThat(one.isNewerThan(Version.parse("1.0"))).isFalse();
		assertThat(one.isAtLeast(Version.parse("1.0"))).isTrue();
		assertThat(one.isAtLeast(two)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "x", "1..2", "1.", ".1", "-1", "", " 1", "1 ", "1.a", "v1", "1,2", "1__2", "+1", "\u0661" })
	void rejectsTextThatIsNotAVersionSayingWhatAVersionLooksLike(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> Version.parse(text))
			.withMessageContaining("'" + text + "'")
			.withMessageContaining("is not a version")
			.withMessageContaining("digits separated by dots or underscores")
			.withMessageContaining("1.1");
		assertThat(Version.isValid(text)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1", "1.1", "2024_05_01", "0", "1.0.0.0.1" })
	void acceptsVersions(String text) {
		assertThat(Version.isValid(text)).isTrue();
		assertThat(Version.parse(text)).isNotNull();
	}

	@Test
	void showsDotsInsteadOfUnderscores() {
		assertThat(Version.parse("2024_05_01")).hasToString("2024.05.01");
		assertThat(Version.parse("1_1")).hasToString("1.1");
		assertThat(Version.parse("1.2.3")).hasToString("1.2.3");
	}

	@Test
	void isNotEqualToOtherTypes() {
		assertThat(Version.parse("1")).isNotEqualTo("1");
		assertThat(Version.parse("1")).isNotEqualTo(null);
	}

}
