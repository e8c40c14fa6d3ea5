package io.migrator.core.rehearse;

import org.jspecify.annotations.Nullable;

/**
 * One object whose definition differs from what it should be, such as the schema after an
 * undo script compared with the schema before its version.
 *
 * @param kind what the object is: {@code table}, {@code column}, {@code constraint},
 * {@code index}, {@code view}, {@code materialized view}, {@code sequence},
 * {@code function}, {@code procedure}, {@code aggregate}, {@code trigger}, {@code type},
 * {@code domain}, {@code schema} or {@code extension}
 * @param name its qualified name (a column as {@code schema.table.column}, a function
 * with its argument types)
 * @param expected its definition as it should be, {@code null} where it should not exist
 * @param actual its definition as it is, {@code null} where it does not exist
 * @since 0.3.0
 */
public record SchemaDifference(String kind, String name, @Nullable String expected, @Nullable String actual) {

	private static final int SHOWN_CHARS = 240;

	/**
	 * The difference in words, after the script that caused it.
	 * @return for example
	 * {@code "leaves view public.v with columns (id integer); expected
	 * columns (id integer, name text)"}
	 */
	public String describe() {
		if (this.expected == null) {
			return "leaves " + this.kind + " " + this.name + " (" + shown(this.actual) + "), which should not exist";
		}
		if (this.actual == null) {
			return "does not restore " + this.kind + " " + this.name + ": expected " + shown(this.expected);
		}
		return "leaves " + this.kind + " " + this.name + " as " + shown(this.actual) + "; expected "
				+ shown(this.expected);
	}

	private static String shown(@Nullable String definition) {
		String oneLine = (definition != null) ? definition.strip().replaceAll("\\s+", " ") : "";
		return (oneLine.length() <= SHOWN_CHARS) ? oneLine : oneLine.substring(0, SHOWN_CHARS) + "…";
	}

}
