package io.migrator.test;

import io.migrator.core.lint.LintFinding;
import io.migrator.core.lint.LintReport;
import io.migrator.core.lint.LintRule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class MigrationLintTests {

	/** The table the other sets change; {vendor} reads as postgresql. */
	private static final String BASE = "classpath:lint/{vendor}";

	@Test
	void passesACleanSetUnderTheDefaultLocationWhateverTheAdvice() {
		assertThatNoException().isThrownBy(() -> MigrationLint.assertNoUnsuppressedFindings());
		LintReport report = MigrationLint.check();
		assertThat(report.scriptsChecked()).isEqualTo(3);
		assertThat(report.findings()).extracting(LintFinding::rule).containsExactly(LintRule.PREFER_JSONB);
	}

	@Test
	void failsAnUnsafeSetNamingEachFileLineAndRule() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> MigrationLint.assertNoUnsuppressedFindings(BASE, "classpath:lint/unsafe"))
			.withMessageStartingWith("Migration lint: 3 unsuppressed findings in 3 scripts:")
			.withMessageContaining("\n  V2__index_and_drop.sql:3 create-index-non-concurrently — CREATE INDEX on"
					+ " existing table \"orders\" without CONCURRENTLY")
			.withMessageContaining("\n  V2__index_and_drop.sql:4 drop-column — Dropping column \"note\"")
			.withMessageContaining("\n  V3__timeout.sql:1 timeout-override — The script sets lock_timeout to 0")
			.withMessageContaining(LintRule.CREATE_INDEX_NON_CONCURRENTLY.safeAlternative())
			.withMessageContaining("-- migrator:lint-ignore=create-index-non-concurrently <why it is safe>")
			.withMessageNotContaining("V2__index_and_drop.sql line 3");
	}

	@Test
	void passesWhenEachFindingIsSuppressedWithAReason() {
		assertThatNoException()
			.isThrownBy(() -> MigrationLint.assertNoUnsuppressedFindings(BASE, "classpath:lint/suppressed"));
		assertThat(MigrationLint.check(BASE, "classpath:lint/suppressed").findings())
			.extracting(LintFinding::suppressedBecause)
			.containsExactly("orders holds a few hundred rows", "no release since 1.4 reads or writes orders.note");
	}

	@Test
	void failsASuppressionWithoutAReason() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> MigrationLint.assertNoUnsuppressedFindings(BASE, "classpath:lint/no-reason"))
			.withMessageContaining("V2__drop_note.sql:1 suppression-without-reason")
			.withMessageContaining("V2__drop_note.sql:2 drop-column");
	}

	@Test
	void failsWhenTheLocationsHoldNoScript() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> MigrationLint.assertNoUnsuppressedFindings("classpath:no/such/location"))
			.withMessageStartingWith("No migration scripts found under classpath:no/such/location");
	}

}
