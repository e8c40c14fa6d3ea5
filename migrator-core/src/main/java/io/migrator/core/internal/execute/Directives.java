package io.migrator.core.internal.execute;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Per-script options written as leading comments, before the first statement: <pre>
 * -- migrator:transaction=false
 * -- migrator:lock-timeout=30s
 * -- migrator:statement-timeout=2h
 * -- migrator:placeholders=false
 * </pre> The linter's suppressions, {@code -- migrator:lint-ignore=<rules> <reason>} and
 * {@code -- migrator:lint-ignore-file=<rules> <reason>}, may stand among them too: they
 * take free text after the rules and change nothing about how the script runs. Durations
 * need a unit, {@code ms}, {@code s}, {@code m}/{@code min}, {@code h} or {@code d};
 * {@code 0} means no limit. A directive that sets one timeout keeps the configured value
 * of the other.
 *
 * @param transaction {@code false} to run statement by statement outside a transaction,
 * {@code null} to decide from the statements
 * @param lockTimeout the script's lock timeout, {@code null} for the configured one
 * @param statementTimeout the script's statement timeout, {@code null} for the configured
 * one
 * @param placeholders {@code false} to run the script's text without replacing its
 * placeholders, {@code null} as configured
 */
public record Directives(@Nullable Boolean transaction, @Nullable Duration lockTimeout,
		@Nullable Duration statementTimeout, @Nullable Boolean placeholders) {

	private static final Pattern PREFIX = Pattern.compile("--\\s*migrator:", Pattern.CASE_INSENSITIVE);

	private static final Pattern DIRECTIVE = Pattern.compile("--\\s*migrator:\\s*([A-Za-z-]+)\\s*=\\s*(\\S+)\\s*",
			Pattern.CASE_INSENSITIVE);

	/** The linter's suppressions: read by the linter, accepted and ignored here. */
	private static final Pattern LINT_SUPPRESSION = Pattern.compile("--\\s*migrator:\\s*lint-ignore(-file)?\\s*=.*",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)?");

	/**
	 * How much of a script's leading comments is read for directives: no more than a
	 * {@link BufferedReader} holds by default, since a larger mark makes it allocate a
	 * buffer of that size for every script.
	 */
	private static final int MAX_HEADER_CHARS = 8192;

	private static final int MAX_DIRECTIVE_LENGTH = 1000;

	/** No directives. */
	public static final Directives NONE = new Directives(null, null, null, null);

	/**
	 * Only timeouts, as before placeholders had a directive.
	 * @param transaction see {@link #transaction()}
	 * @param lockTimeout see {@link #lockTimeout()}
	 * @param statementTimeout see {@link #statementTimeout()}
	 */
	public Directives(@Nullable Boolean transaction, @Nullable Duration lockTimeout,
			@Nullable Duration statementTimeout) {
		this(transaction, lockTimeout, statementTimeout, null);
	}

	/**
	 * Read the directives from the leading comment lines, then reset the reader to the
	 * start.
	 * @param reader the script text, which must support mark ({@link BufferedReader},
	 * {@link java.io.StringReader})
	 * @param location the script, for messages
	 * @return the directives
	 * @throws IOException if reading fails
	 * @throws MigrationException naming the line when a directive is unknown or invalid
	 */
	public static Directives read(Reader reader, String location) throws IOException {
		reader.mark(MAX_HEADER_CHARS);
		Header header = new Header(reader);
		Boolean transaction = null;
		Duration lockTimeout = null;
		Duration statementTimeout = null;
		Boolean placeholders = null;
		int number = 0;
		String line;
		// Reads only the leading blank and comment lines, never the first statement,
		// which may be
		// one huge line of data.
		while ((line = nextHeaderLine(header)) != null) {
			number++;
			String trimmed = line.strip();
			if (!PREFIX.matcher(trimmed).lookingAt() || LINT_SUPPRESSION.matcher(trimmed).matches()) {
				continue;
			}
			Matcher matcher = DIRECTIVE.matcher(trimmed);
			if (!matcher.matches()) {
				throw invalid(location, number,
						"'" + trimmed + "' is not a directive: write -- migrator:<key>=<value>");
			}
			String key = matcher.group(1).toLowerCase(Locale.ROOT);
			String value = matcher.group(2);
			switch (key) {
				case "transaction" -> transaction = parseBoolean(location, number, key, value);
				case "placeholders" -> placeholders = parseBoolean(location, number, key, value);
				case "lock-timeout" -> lockTimeout = parseDuration(location, number, key, value);
				case "statement-timeout" -> statementTimeout = parseDuration(location, number, key, value);
				default -> throw invalid(location, number,
						"unknown directive '" + key
								+ "': the directives are transaction, lock-timeout, statement-timeout, placeholders"
								+ " (and the linter's lint-ignore and lint-ignore-file)");
			}
		}
		reader.reset();
		return new Directives(transaction, lockTimeout, statementTimeout, placeholders);
	}

	/**
	 * The next line if it is blank or a {@code --} comment, else {@code null} (having
	 * read at most the first two characters of the statement).
	 */
	private static @Nullable String nextHeaderLine(Header reader) throws IOException {
		StringBuilder line = new StringBuilder();
		int c;
		while ((c = reader.read()) != -1 && c != '\n') {
			if (c == '-') {
				if (reader.read() != '-') {
					return null;
				}
				return line.append("--").append(readToEndOfLine(reader)).toString();
			}
			if (!Character.isWhitespace(c)) {
				return null;
			}
			line.append((char) c);
		}
		return (c == -1 && line.length() == 0) ? null : line.toString();
	}

	private static String readToEndOfLine(Header reader) throws IOException {
		StringBuilder rest = new StringBuilder();
		int c;
		while ((c = reader.read()) != -1 && c != '\n') {
			if (rest.length() < MAX_DIRECTIVE_LENGTH) {
				rest.append((char) c);
			}
		}
		return rest.toString();
	}

	private static Boolean parseBoolean(String location, int line, String key, String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw invalid(location, line, key + "=" + value + " is not true or false");
		};
	}

	private static Duration parseDuration(String location, int line, String key, String value) {
		Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw invalid(location, line,
					key + "=" + value + " is not a duration: write it like 500ms, 30s, 5min or 2h");
		}
		if (matcher.group(2) == null && !matcher.group(1).matches("0+")) {
			throw invalid(location, line,
					key + "=" + value + " has no unit: write it like 500ms, 30s, 5min or 2h" + " (0 means no limit)");
		}
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "ms";
		try {
			long amount = Long.parseLong(matcher.group(1));
			Duration duration = switch (unit) {
				case "s" -> Duration.ofSeconds(amount);
				case "m", "min" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				case "d" -> Duration.ofDays(amount);
				default -> Duration.ofMillis(amount);
			};
			duration.toMillis();
			return duration;
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw invalid(location, line, key + "=" + value + " is too large: use at most a few days");
		}
	}

	private static MigrationException invalid(String location, int line, String why) {
		return new MigrationException(Reason.INVALID_SCRIPTS, location + " line " + line + ": " + why, location, line,
				null, null);
	}

	/**
	 * The leading part of a script, read one character at a time and never past the mark,
	 * so the reader can always go back to the start.
	 */
	private static final class Header {

		private final Reader reader;

		private int left = MAX_HEADER_CHARS - 1;

		Header(Reader reader) {
			this.reader = reader;
		}

		int read() throws IOException {
			if (this.left == 0) {
				return -1;
			}
			this.left--;
			return this.reader.read();
		}

	}

	/**
	 * Whether the script sets a timeout of its own.
	 * @return whether a timeout directive is present
	 */
	public boolean overridesTimeouts() {
		return this.lockTimeout != null || this.statementTimeout != null;
	}

}
