package io.migrator.core.internal.lint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.migrator.core.lint.LintRule;
import org.jspecify.annotations.Nullable;

/**
 * A script's {@code -- migrator:lint-ignore} comments:
 * <ul>
 * <li>{@code -- migrator:lint-ignore=<rule>[,<rule>] <reason>} on the comment lines right
 * before a statement suppresses those rules for that statement;</li>
 * <li>{@code -- migrator:lint-ignore-file=<rule>[,<rule>] <reason>} among the script's
 * leading comment lines suppresses them for the whole script;</li>
 * <li>one without a reason, or naming an unknown rule, suppresses nothing (for an unknown
 * rule: nothing it names) and is itself a finding.</li>
 * </ul>
 * Only which lines hold code is kept of the script's text, so a large data script costs a
 * bit per line.
 */
final class Suppressions {

	private static final Pattern SUPPRESSION = Pattern.compile(
			"--\\s*migrator:\\s*lint-ignore(-file)?\\s*=\\s*([^\\s,]+(?:\\s*,\\s*[^\\s,]+)*)?\\s*(.*)",
			Pattern.CASE_INSENSITIVE);

	/**
	 * Every suppression comment has this in it, whatever its case and spacing.
	 */
	private static final Pattern MARK = Pattern.compile("lint-ignore", Pattern.CASE_INSENSITIVE | Pattern.LITERAL);

	private final Map<Integer, Suppression> byLine = new HashMap<>();

	private final List<Suppression> fileWide = new ArrayList<>();

	private final List<Issue> problems = new ArrayList<>();

	private final BitSet codeLines = new BitSet();

	private record Suppression(Set<LintRule> rules, String reason) {
	}

	private Suppressions() {
	}

	/**
	 * A script's suppressions, from its text in memory. Most scripts have none: one pass
	 * for the mark tells, without going through the lines.
	 * @param text the script's normalised text
	 * @return its suppressions
	 */
	static Suppressions of(String text) {
		if (!MARK.matcher(text).find()) {
			return new Suppressions();
		}
		try {
			return read(new StringReader(text));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("A string cannot fail to be read", ex);
		}
	}

	/**
	 * Reads a script's suppressions.
	 * @param text the script's normalised text; not closed
	 * @return its suppressions
	 * @throws IOException if reading fails
	 */
	static Suppressions read(Reader text) throws IOException {
		Suppressions suppressions = new Suppressions();
		BufferedReader lines = new BufferedReader(text);
		String line;
		int number = 0;
		while ((line = lines.readLine()) != null) {
			number++;
			String trimmed = line.strip();
			if (!trimmed.isEmpty() && !trimmed.startsWith("--")) {
				suppressions.codeLines.set(number);
			}
			if (trimmed.startsWith("--")) {
				Matcher matcher = SUPPRESSION.matcher(trimmed);
				if (matcher.matches()) {
					suppressions.add(matcher, number);
				}
			}
		}
		return suppressions;
	}

	private void add(Matcher matcher, int line) {
		String reason = matcher.group(3).strip();
		Set<LintRule> rules = EnumSet.noneOf(LintRule.class);
		String ids = (matcher.group(2) != null) ? matcher.group(2) : "";
		for (String id : ids.split(",")) {
			String rule = id.strip();
			if (!rule.isEmpty()) {
				LintRule.byId(rule)
					.ifPresentOrElse(rules::add, () -> this.problems.add(Issue.of(LintRule.UNKNOWN_RULE, line,
							"'" + rule + "' in this lint-ignore comment is not a rule, so it suppresses nothing.")));
			}
		}
		if (reason.isEmpty() || rules.isEmpty()) {
			this.problems.add(Issue.of(LintRule.SUPPRESSION_WITHOUT_REASON, line, "This lint-ignore comment "
					+ (rules.isEmpty() ? "names no rule" : "gives no reason") + ", so it suppresses nothing."));
			return;
		}
		Suppression suppression = new Suppression(rules, reason);
		if (matcher.group(1) != null && this.codeLines.isEmpty()) {
			this.fileWide.add(suppression);
		}
		else if (matcher.group(1) == null) {
			this.byLine.put(line, suppression);
		}
		else {
			this.problems.add(Issue.of(LintRule.SUPPRESSION_WITHOUT_REASON, line,
					"lint-ignore-file works only among the script's leading comments, before the first"
							+ " statement, so this one suppresses nothing."));
		}
	}

	/**
	 * The reason a finding is suppressed.
	 * @param rule the finding's rule
	 * @param line the line of the statement it is about
	 * @return the suppression's reason, or {@code null} if nothing suppresses it
	 */
	@Nullable String reasonFor(LintRule rule, int line) {
		for (Suppression suppression : this.fileWide) {
			if (suppression.rules.contains(rule)) {
				return suppression.reason;
			}
		}
		for (int before = line - 1; before > 0 && !this.codeLines.get(before); before--) {
			Suppression suppression = this.byLine.get(before);
			if (suppression != null && suppression.rules.contains(rule)) {
				return suppression.reason;
			}
		}
		return null;
	}

	/**
	 * The suppression comments that are findings themselves.
	 * @return those findings
	 */
	List<Issue> problems() {
		return this.problems;
	}

}
