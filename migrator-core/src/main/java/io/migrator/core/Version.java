package io.migrator.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A migration version such as {@code 1}, {@code 1.1} or {@code 2024.05.01.1}. Versions
 * compare numerically part by part ({@code 1 < 1.1 < 2 < 10}); trailing zero parts do not
 * count, so {@code 1.0} equals {@code 1}. An underscore reads as a dot, as in Flyway file
 * names.
 *
 * @since 0.1.0
 */
public final class Version implements Comparable<Version> {

	/** The version before every migration: a database on which nothing was applied. */
	public static final Version ZERO = new Version(new String[0], "0");

	/**
	 * The significant parts, each as its digits without leading zeros: such texts compare
	 * numerically by length, then character by character, with no limit on their size and
	 * none of the cost of a number type (a start parses and compares thousands).
	 */
	private final String[] parts;

	private final String text;

	private Version(String[] parts, String text) {
		this.parts = parts;
		this.text = text;
	}

	/**
	 * Parse a version.
	 * @param text digits separated by dots or underscores
	 * @return the version
	 * @throws IllegalArgumentException if the text is not a version
	 */
	public static Version parse(String text) {
		if (!isValid(text)) {
			throw new IllegalArgumentException("'" + text
					+ "' is not a version: use digits separated by dots or underscores, such as 1, 1.1 or 2024_05_01");
		}
		List<String> parts = new ArrayList<>(4);
		int significant = 0;
		int start = 0;
		for (int i = 0; i <= text.length(); i++) {
			if (i == text.length() || !isDigit(text.charAt(i))) {
				int first = start;
				while (first < i - 1 && text.charAt(first) == '0') {
					first++;
				}
				String part = text.substring(first, i);
				parts.add(part);
				if (!part.equals("0")) {
					significant = parts.size();
				}
				start = i + 1;
			}
		}
		return new Version(parts.subList(0, significant).toArray(new String[0]), text.replace('_', '.'));
	}

	/**
	 * Whether the text is a version that {@link #parse(String)} accepts: digits, in
	 * groups separated by one dot or underscore.
	 * @param text the text to check
	 * @return whether it parses
	 */
	public static boolean isValid(String text) {
		boolean afterDigit = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (isDigit(c)) {
				afterDigit = true;
			}
			else if ((c == '.' || c == '_') && afterDigit) {
				afterDigit = false;
			}
			else {
				return false;
			}
		}
		return afterDigit;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	@Override
	public int compareTo(Version other) {
		int common = Math.min(this.parts.length, other.parts.length);
		for (int i = 0; i < common; i++) {
			String mine = this.parts[i];
			String theirs = other.parts[i];
			int result = (mine.length() != theirs.length()) ? Integer.compare(mine.length(), theirs.length())
					: mine.compareTo(theirs);
			if (result != 0) {
				return result;
			}
		}
		return Integer.compare(this.parts.length, other.parts.length);
	}

	public boolean isNewerThan(Version other) {
		return compareTo(other) > 0;
	}

	public boolean isAtLeast(Version other) {
		return compareTo(other) >= 0;
	}

	@Override
	public boolean equals(Object obj) {
		return (obj instanceof Version other) && Arrays.equals(this.parts, other.parts);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.parts);
	}

	/**
	 * The version as written, with underscores shown as dots.
	 */
	@Override
	public String toString() {
		return this.text;
	}

}
