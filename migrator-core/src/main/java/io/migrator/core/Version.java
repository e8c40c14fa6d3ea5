package io.migrator.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

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
	public static final Version ZERO = new Version(List.of(), "0");

	private static final Pattern VALID = Pattern.compile("\\d+([._]\\d+)*");

	private final List<BigInteger> parts;

	private final String text;

	private Version(List<BigInteger> parts, String text) {
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
		if (!VALID.matcher(text).matches()) {
			throw new IllegalArgumentException("'" + text
					+ "' is not a version: use digits separated by dots or underscores, such as 1, 1.1 or 2024_05_01");
		}
		String normalized = text.replace('_', '.');
		List<BigInteger> parts = new ArrayList<>();
		for (String part : normalized.split("\\.")) {
			parts.add(new BigInteger(part));
		}
		int significant = parts.size();
		while (significant > 0 && parts.get(significant - 1).signum() == 0) {
			significant--;
		}
		return new Version(List.copyOf(parts.subList(0, significant)), normalized);
	}

	/**
	 * Whether the text is a version that {@link #parse(String)} accepts.
	 * @param text the text to check
	 * @return whether it parses
	 */
	public static boolean isValid(String text) {
		return VALID.matcher(text).matches();
	}

	@Override
	public int compareTo(Version other) {
		int common = Math.min(this.parts.size(), other.parts.size());
		for (int i = 0; i < common; i++) {
			int result = this.parts.get(i).compareTo(other.parts.get(i));
			if (result != 0) {
				return result;
			}
		}
		return Integer.compare(this.parts.size(), other.parts.size());
	}

	public boolean isNewerThan(Version other) {
		return compareTo(other) > 0;
	}

	public boolean isAtLeast(Version other) {
		return compareTo(other) >= 0;
	}

	@Override
	public boolean equals(Object obj) {
		return (obj instanceof Version other) && this.parts.equals(other.parts);
	}

	@Override
	public int hashCode() {
		return this.parts.hashCode();
	}

	/**
	 * The version as written, with underscores shown as dots.
	 */
	@Override
	public String toString() {
		return this.text;
	}

}
