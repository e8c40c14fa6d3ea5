package io.migrator.core.execute;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Per-script options written as leading comments, before the first statement:
 * <pre>
 * -- migrator:transaction=false
 * -- migrator:lock-timeout=30s
 * -- migrator:statement-timeout=2h
 * </pre>
 * Durations take {@code ms}, {@code s}, {@code m}/{@code min}, {@code h} or {@code d}; {@code 0}
 * means no limit.
 *
 * @param transaction {@code false} to run statement by statement outside a transaction,
 * {@code null} to decide from the statements
 * @param lockTimeout the script's lock timeout, {@code null} for the configured one
 * @param statementTimeout the script's statement timeout, {@code null} for the configured one
 * @since 0.1.0
 */
public record Directives(@Nullable Boolean transaction, @Nullable Duration lockTimeout,
		@Nullable Duration statementTimeout) {

	private static final Pattern DIRECTIVE = Pattern.compile("--\\s*migrator:\\s*([A-Za-z-]+)\\s*=\\s*(\\S+)\\s*");

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)?");

	private static final int MAX_HEADER_LINES = 1000;

	/** No directives. */
	public static final Directives NONE = new Directives(null, null, null);

	/**
	 * Read the directives from the leading comment lines, then reset the reader to the start.
	 * @param reader the script text, which must support mark
	 * @param location the script, for messages
	 * @return the directives
	 * @throws IOException if reading fails
	 * @throws MigrationException naming the line when a directive is unknown or invalid
	 */
	public static Directives read(BufferedReader reader, String location) throws IOException {
		reader.mark(1 << 20);
		Boolean transaction = null;
		Duration lockTimeout = null;
		Duration statementTimeout = null;
		String line;
		int number = 0;
		while ((line = reader.readLine()) != null && number < MAX_HEADER_LINES) {
			number++;
			String trimmed = line.strip();
			if (trimmed.isEmpty()) {
				continue;
			}
			if (!trimmed.startsWith("--")) {
				break;
			}
			if (!trimmed.replace(" ", "").toLowerCase(Locale.ROOT).startsWith("--migrator:")) {
				continue;
			}
			Matcher matcher = DIRECTIVE.matcher(trimmed);
			if (!matcher.matches()) {
				throw invalid(location, number, "'" + trimmed + "' is not a directive: write -- migrator:<key>=<value>");
			}
			String key = matcher.group(1).toLowerCase(Locale.ROOT);
			String value = matcher.group(2);
			switch (key) {
				case "transaction" -> transaction = parseBoolean(location, number, value);
				case "lock-timeout" -> lockTimeout = parseDuration(location, number, key, value);
				case "statement-timeout" -> statementTimeout = parseDuration(location, number, key, value);
				default -> throw invalid(location, number, "unknown directive '" + key
						+ "': the directives are transaction, lock-timeout and statement-timeout");
			}
		}
		reader.reset();
		return new Directives(transaction, lockTimeout, statementTimeout);
	}

	private static Boolean parseBoolean(String location, int line, String value) {
		return switch (value.toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw invalid(location, line, "transaction=" + value + " is not true or false");
		};
	}

	private static Duration parseDuration(String location, int line, String key, String value) {
		Matcher matcher = DURATION.matcher(value.toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw invalid(location, line, key + "=" + value + " is not a duration: write it like 500ms, 30s, 5min or 2h");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "ms";
		return switch (unit) {
			case "s" -> Duration.ofSeconds(amount);
			case "m", "min" -> Duration.ofMinutes(amount);
			case "h" -> Duration.ofHours(amount);
			case "d" -> Duration.ofDays(amount);
			default -> Duration.ofMillis(amount);
		};
	}

	private static MigrationException invalid(String location, int line, String why) {
		return new MigrationException(Reason.INVALID_SCRIPTS, location + " line " + line + ": " + why, location, line,
				null, null);
	}

	/**
	 * Whether the script sets a timeout of its own.
	 * @return whether a timeout directive is present
	 */
	public boolean overridesTimeouts() {
		return this.lockTimeout != null || this.statementTimeout != null;
	}

}
