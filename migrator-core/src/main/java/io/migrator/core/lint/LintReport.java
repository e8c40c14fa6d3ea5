package io.migrator.core.lint;

import java.util.List;

/**
 * What the linter found in a run's scripts.
 *
 * @param findings every finding, suppressed ones included, in script and line order
 * @param scriptsChecked how many scripts were checked
 * @since 0.2.0
 */
public record LintReport(List<LintFinding> findings, int scriptsChecked) {

	public LintReport {
		findings = List.copyOf(findings);
	}

	/**
	 * The findings no comment suppresses.
	 * @return those findings, in order
	 */
	public List<LintFinding> unsuppressed() {
		return this.findings.stream().filter((finding) -> !finding.isSuppressed()).toList();
	}

	/**
	 * Whether any finding is not suppressed.
	 * @return whether there is something to fix or suppress
	 */
	public boolean hasUnsuppressed() {
		return this.findings.stream().anyMatch((finding) -> !finding.isSuppressed());
	}

	/**
	 * Whether {@code lint} mode {@code fail} stops the run: an unsuppressed finding of
	 * level error or warning remains (advice never blocks).
	 * @return whether the findings block the run
	 */
	public boolean blocks() {
		return this.findings.stream()
			.anyMatch((finding) -> !finding.isSuppressed() && finding.level() != LintLevel.ADVICE);
	}
}
