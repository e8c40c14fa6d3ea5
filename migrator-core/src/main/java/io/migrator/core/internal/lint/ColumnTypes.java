package io.migrator.core.internal.lint;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.migrator.core.internal.sql.TableAction;
import org.jspecify.annotations.Nullable;

/**
 * What PostgreSQL does with a column's type and default when a column is added or its
 * type changed: whether every row must be rewritten.
 * <ul>
 * <li>A type change rewrites the table unless the old type is binary-coercible to the new
 * one; the cases known here are any character type to {@code text} or unbounded
 * {@code varchar}, {@code varchar(n)} to {@code varchar(m)} with {@code m >= n}, and
 * {@code numeric(p,s)} to {@code numeric(q,s)} with {@code q >= p} or to unbounded
 * {@code numeric}. With the old type unknown, only a change to {@code text} or unbounded
 * {@code varchar} is taken as safe.</li>
 * <li>An added column's default rewrites the table when it is volatile (computed per
 * row), when the column is a serial or {@code GENERATED}, and, before PostgreSQL 11,
 * whenever it is not null.</li>
 * </ul>
 */
final class ColumnTypes {

	/** Functions computed per row, so a default calling one fills every row. */
	private static final Pattern VOLATILE = Pattern.compile(
			"\\b(random|clock_timestamp|gen_random_uuid|uuid_generate_v1|uuid_generate_v1mc|uuid_generate_v4|nextval"
					+ "|timeofday|txid_current)\\(");

	private static final Set<String> SERIALS = Set.of("smallserial", "serial", "bigserial", "serial2", "serial4",
			"serial8");

	private static final Set<String> CHARACTER_TYPES = Set.of("text", "character varying", "character", "bpchar",
			"name", "citext");

	/** Aliases, as {@code format_type} spells them. */
	private static final Map<String, String> ALIASES = Map.ofEntries(Map.entry("varchar", "character varying"),
			Map.entry("char", "character"), Map.entry("decimal", "numeric"), Map.entry("int", "integer"),
			Map.entry("int4", "integer"), Map.entry("int8", "bigint"), Map.entry("int2", "smallint"),
			Map.entry("bool", "boolean"), Map.entry("float8", "double precision"), Map.entry("float4", "real"),
			Map.entry("timestamptz", "timestamp with time zone"), Map.entry("timestamp", "timestamp without time zone"),
			Map.entry("timetz", "time with time zone"), Map.entry("time", "time without time zone"));

	private ColumnTypes() {
	}

	/**
	 * Whether changing a column from one type to another rewrites the table.
	 * @param from the old type as {@code format_type} writes it, {@code null} if unknown
	 * @param to the new type as the statement writes it
	 */
	static boolean rewrites(@Nullable String from, String to) {
		Type target = Type.of(to);
		boolean toText = target.base.equals("text")
				|| (target.base.equals("character varying") && target.args.isEmpty());
		if (from == null) {
			return !toText;
		}
		Type source = Type.of(from);
		if (toText) {
			return !CHARACTER_TYPES.contains(source.base) || source.base.equals("character");
		}
		if (!source.base.equals(target.base)) {
			return true;
		}
		if (target.args.isEmpty() || source.args.equals(target.args)) {
			return false;
		}
		String[] was = source.args.split(",");
		String[] now = target.args.split(",");
		if (source.base.equals("character varying") && was.length == 1 && now.length == 1) {
			return number(now[0]) < number(was[0]);
		}
		if (source.base.equals("numeric") && was.length == now.length && now.length <= 2) {
			return number(now[0]) < number(was[0]) || (now.length == 2 && number(now[1]) != number(was[1]));
		}
		return true;
	}

	/**
	 * Why an added column's default fills every existing row, or {@code null} when it
	 * does not.
	 * @param column the added column
	 * @param serverVersion {@code server_version_num}, 0 when unknown
	 */
	static @Nullable String rewritingDefault(TableAction column, int serverVersion) {
		String type = (column.type() != null) ? column.type() : "";
		String value = column.defaultValue();
		if (SERIALS.contains(type)) {
			return "a " + type + " column takes nextval() for every existing row";
		}
		if (column.generated()) {
			return "a GENERATED column is computed for every existing row";
		}
		if (value == null) {
			return null;
		}
		if (VOLATILE.matcher(value).find()) {
			return "its DEFAULT " + value + " is volatile, so it is computed for every existing row";
		}
		if (serverVersion > 0 && serverVersion < 110000 && !value.equals("null")) {
			return "before PostgreSQL 11 (this server is " + serverVersion + ") any non-null DEFAULT is written into"
					+ " every existing row";
		}
		return null;
	}

	/** Whether a column type is {@code json}, which {@code jsonb} does better. */
	static boolean isJson(@Nullable String type) {
		return type != null && Type.of(type).base.equals("json");
	}

	private static int number(String text) {
		try {
			return Integer.parseInt(text.strip());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/** A type's base name as {@code format_type} spells it, and its modifiers. */
	private record Type(String base, String args) {

		static Type of(String type) {
			String text = type.strip().toLowerCase(java.util.Locale.ROOT);
			int open = text.indexOf('(');
			int close = text.lastIndexOf(')');
			String base = ((open < 0) ? text : text.substring(0, open)).strip();
			String args = (open < 0 || close < open) ? "" : text.substring(open + 1, close).replace(" ", "");
			String suffix = (open < 0 || close < open) ? "" : text.substring(close + 1).strip();
			base = ALIASES.getOrDefault(base, base);
			if (!suffix.isEmpty()) {
				base = base + " " + suffix; // timestamp(3) with time zone, or an array
			}
			return new Type(base, args);
		}

	}

}
