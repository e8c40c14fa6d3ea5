package io.migrator.core.internal.dialect;

import java.sql.BatchUpdateException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Batches on PostgreSQL with its JDBC driver (pgjdbc).
 */
final class PostgresBatching implements Dialect.Batching {

	static final PostgresBatching INSTANCE = new PostgresBatching();

	/**
	 * pgjdbc's "Batch entry {0} {1} was aborted: ..."; its Japanese, Korean and Russian
	 * translations also put the entry's number before anything else with digits.
	 */
	private static final Pattern ENTRY_IN_MESSAGE = Pattern.compile("^[^0-9]*([0-9]{1,9}) ");

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");

	private PostgresBatching() {
	}

	/**
	 * The first entry counted as failed after at least one success, as the JDBC
	 * specification describes; otherwise the number in the driver's message. pgjdbc
	 * counts every entry as failed inside a transaction (none of them will be committed),
	 * so there the message is the only place that names the entry.
	 */
	@Override
	public int failedEntry(BatchUpdateException ex, int size) {
		int[] counts = ex.getUpdateCounts();
		if (counts != null) {
			int first = 0;
			while (first < counts.length && counts[first] != Statement.EXECUTE_FAILED) {
				first++;
			}
			if (first > 0 && first < size) {
				return first;
			}
		}
		Matcher matcher = ENTRY_IN_MESSAGE.matcher(String.valueOf(ex.getMessage()));
		if (matcher.find()) {
			int entry = Integer.parseInt(matcher.group(1));
			return (entry < size) ? entry : -1;
		}
		return -1;
	}

	/**
	 * Strings as escape strings ({@code E'...'}), which read backslashes as escapes
	 * whatever {@code standard_conforming_strings} says; timestamps in UTC with
	 * microseconds, rounded as pgjdbc rounds a bound {@code OffsetDateTime}, so the
	 * stored instant is the same.
	 */
	@Override
	public String literal(@Nullable Object value) {
		if (value == null) {
			return "NULL";
		}
		if (value instanceof Long number) {
			return number.toString();
		}
		if (value instanceof String text) {
			return "E'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
		}
		if (value instanceof OffsetDateTime timestamp) {
			OffsetDateTime rounded = (timestamp.getNano() % 1000 >= 500) ? timestamp.plusNanos(1000) : timestamp;
			return "TIMESTAMP WITH TIME ZONE '"
					+ utc(rounded.truncatedTo(ChronoUnit.MICROS).withOffsetSameInstant(ZoneOffset.UTC)) + "'";
		}
		throw new IllegalArgumentException("No SQL literal for a " + value.getClass().getName());
	}

	/**
	 * As {@link #TIMESTAMP} writes it; by hand for the years a clock gives, since the
	 * formatter costs more than the rest of a script's ledger row while the JVM is cold.
	 */
	static String utc(OffsetDateTime timestamp) {
		if (timestamp.getYear() < 1000 || timestamp.getYear() > 9999) {
			return TIMESTAMP.format(timestamp);
		}
		StringBuilder text = new StringBuilder(32).append(timestamp.getYear());
		pad(text.append('-'), timestamp.getMonthValue(), 2);
		pad(text.append('-'), timestamp.getDayOfMonth(), 2);
		pad(text.append(' '), timestamp.getHour(), 2);
		pad(text.append(':'), timestamp.getMinute(), 2);
		pad(text.append(':'), timestamp.getSecond(), 2);
		pad(text.append('.'), timestamp.getNano() / 1000, 6);
		return text.append("+00:00").toString();
	}

	private static void pad(StringBuilder text, int value, int digits) {
		String number = Integer.toString(value);
		for (int i = number.length(); i < digits; i++) {
			text.append('0');
		}
		text.append(number);
	}

	@Override
	public String transactionMillis() {
		// Qualified: a script may have changed search_path before its ledger row is
		// written.
		return "pg_catalog.floor(extract(epoch FROM pg_catalog.clock_timestamp()"
				+ " - pg_catalog.transaction_timestamp()) * 1000)::bigint";
	}

}
