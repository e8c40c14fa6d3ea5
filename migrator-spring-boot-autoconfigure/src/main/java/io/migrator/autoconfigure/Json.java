package io.migrator.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The little JSON the job commands print, written by hand so the starter adds no JSON
 * library to an application. Every string goes through {@link #quote(String)}.
 */
final class Json {

	private Json() {
	}

	/**
	 * An object of the fields in their order: strings quoted, numbers and booleans as
	 * they are, {@link Raw} as written, {@code null} as null.
	 */
	static String object(Map<String, ?> fields) {
		List<String> members = new ArrayList<>();
		fields.forEach((name, value) -> members.add(quote(name) + ":" + value(value)));
		return "{" + String.join(",", members) + "}";
	}

	/**
	 * An array of elements already written as JSON.
	 */
	static String array(List<String> elements) {
		return "[" + String.join(",", elements) + "]";
	}

	private static String value(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Raw raw) {
			return raw.json();
		}
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		return quote(value.toString());
	}

	static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				case '\n' -> quoted.append("\\n");
				case '\r' -> quoted.append("\\r");
				case '\t' -> quoted.append("\\t");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	/**
	 * JSON that is already written.
	 */
	record Raw(String json) {

	}

}
