package io.migrator.core.internal.execute;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Replaces {@code ${name}} in a script's text with its value before the script is split,
 * as Flyway does:
 * <ol>
 * <li>everywhere in the text, strings and comments included;</li>
 * <li>a name is letters, digits, {@code _ . : -} between the prefix and the suffix on one
 * line; other text after the prefix is left as it is;</li>
 * <li>names are looked up ignoring case: the configured values, then the built-ins
 * ({@code flyway:defaultSchema}, {@code flyway:user}, {@code flyway:database},
 * {@code flyway:timestamp}, {@code flyway:table}, {@code flyway:filename}, each also as
 * {@code migrator:...});</li>
 * <li>a name with no value fails with the script and the line;</li>
 * <li>not at all when replacement is off, or for a script that says
 * {@code -- migrator:placeholders=false}.</li>
 * </ol>
 * The checksum is of the text before replacement, so changing a value never makes an
 * applied script "modified".
 */
public final class Placeholders {

	/** No replacement at all. */
	public static final Placeholders NONE = new Placeholders(false, "${", "}", Map.of());

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:\\-]+");

	private static final String FILENAME = "filename";

	private final boolean enabled;

	private final String prefix;

	private final String suffix;

	private final Map<String, String> values;

	private Placeholders(boolean enabled, String prefix, String suffix, Map<String, String> values) {
		this.enabled = enabled;
		this.prefix = prefix;
		this.suffix = suffix;
		this.values = values;
	}

	/**
	 * The placeholders of a run.
	 * @param enabled whether replacement is on
	 * @param prefix what starts a placeholder, such as {@code ${} @param suffix what ends
	 * it, such as <code>}</code>
	 * @param configured the configured values by name
	 * @param builtIns the built-in values by name without a prefix
	 * ({@code defaultSchema}, {@code user}, ...), each available as {@code flyway:<name>}
	 * and {@code migrator:<name>}
	 * @return the placeholders
	 */
	public static Placeholders of(boolean enabled, String prefix, String suffix, Map<String, String> configured,
			Map<String, String> builtIns) {
		Map<String, String> values = new HashMap<>();
		builtIns.forEach((name, value) -> {
			values.put(key("flyway:" + name), value);
			values.put(key("migrator:" + name), value);
		});
		configured.forEach((name, value) -> values.put(key(name), value));
		return new Placeholders(enabled, prefix, suffix, Map.copyOf(values));
	}

	/**
	 * Whether a script's text is replaced.
	 * @param directives the script's directives
	 * @return whether to replace
	 */
	public boolean appliesTo(Directives directives) {
		return this.enabled && !Boolean.FALSE.equals(directives.placeholders());
	}

	/**
	 * A script's text with its placeholders replaced.
	 * @param text the normalised text (lines end with {@code \n})
	 * @param fileName the script's file name, for {@code flyway:filename}
	 * @param location the script, for messages
	 * @return the text to run
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} naming the file and
	 * line of a placeholder that has no value
	 */
	public String replace(String text, String fileName, String location) {
		if (!text.contains(this.prefix)) {
			return text;
		}
		StringBuilder result = new StringBuilder(text.length());
		int line = 1;
		int start = 0;
		while (start < text.length()) {
			int end = text.indexOf('\n', start);
			end = (end < 0) ? text.length() : end + 1;
			result.append(replaceLine(text.substring(start, end), line++, fileName, location));
			start = end;
		}
		return result.toString();
	}

	/**
	 * A script's text, streamed, with its placeholders replaced line by line.
	 * @param in the normalised text
	 * @param fileName the script's file name, for {@code flyway:filename}
	 * @param location the script, for messages
	 * @return the text to run; reading it throws {@link MigrationException} for a
	 * placeholder that has no value
	 */
	public Reader reader(BufferedReader in, String fileName, String location) {
		return new Replacing(in, fileName, location);
	}

	private String replaceLine(String line, int number, String fileName, String location) {
		int at = line.indexOf(this.prefix);
		if (at < 0) {
			return line;
		}
		StringBuilder result = new StringBuilder(line.length());
		int from = 0;
		while (at >= 0) {
			int nameStart = at + this.prefix.length();
			int close = line.indexOf(this.suffix, nameStart);
			String name = (close > nameStart) ? line.substring(nameStart, close) : null;
			if (name == null || !NAME.matcher(name).matches()) {
				result.append(line, from, nameStart);
				from = nameStart;
			}
			else {
				result.append(line, from, at).append(value(name, number, fileName, location));
				from = close + this.suffix.length();
			}
			at = line.indexOf(this.prefix, from);
		}
		return result.append(line, from, line.length()).toString();
	}

	private String value(String name, int line, String fileName, String location) {
		String key = key(name);
		String value = this.values.get(key);
		if (value != null) {
			return value;
		}
		if (key.equals("flyway:" + FILENAME) || key.equals("migrator:" + FILENAME)) {
			return fileName;
		}
		throw new MigrationException(Reason.INVALID_SCRIPTS, location + " line " + line + ": no value for placeholder "
				+ this.prefix + name + this.suffix + ". Set migrator.placeholders." + name
				+ ", or, if the text is meant as it is, write -- migrator:placeholders=false at the top of the script"
				+ " (or set migrator.placeholder-replacement=false for every script)", location, line, null, null);
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

	/**
	 * Reads one line ahead and hands out its replaced text.
	 */
	private final class Replacing extends Reader {

		private final BufferedReader in;

		private final String fileName;

		private final String location;

		private @Nullable String pending = "";

		private int position;

		private int line;

		Replacing(BufferedReader in, String fileName, String location) {
			this.in = in;
			this.fileName = fileName;
			this.location = location;
		}

		@Override
		public int read(char[] target, int offset, int length) throws IOException {
			while (this.pending != null && this.position == this.pending.length()) {
				String next = this.in.readLine();
				this.line++;
				this.pending = (next != null) ? replaceLine(next, this.line, this.fileName, this.location) + "\n"
						: null;
				this.position = 0;
			}
			if (this.pending == null) {
				return -1;
			}
			int count = Math.min(length, this.pending.length() - this.position);
			this.pending.getChars(this.position, this.position + count, target, offset);
			this.position += count;
			return count;
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}
