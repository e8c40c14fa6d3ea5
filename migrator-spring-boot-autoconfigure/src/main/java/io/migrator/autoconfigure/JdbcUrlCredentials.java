package io.migrator.autoconfigure;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A JDBC URL without the user and password it may carry as parameters
 * ({@code ?user=...&password=...} on PostgreSQL, {@code ;USER=...;PASSWORD=...} on H2),
 * and those credentials. Migrator connects with the URL alone and passes the credentials
 * apart, because:
 * <ul>
 * <li>the URL is logged at debug level on every connection (PostgreSQL's driver logs
 * {@code Connecting with URL: ...}, Spring's {@code SimpleDriverDataSource} the same),
 * and a password in it would be logged with it;</li>
 * <li>the driver prefers a user in the URL to the one passed apart, so the application's
 * URL would silently win over {@code migrator.datasource.username}.</li>
 * </ul>
 *
 * @param url the URL without {@code user} and {@code password} parameters
 * @param username the URL's user, or {@code null}
 * @param password the URL's password, or {@code null}
 */
record JdbcUrlCredentials(String url, @Nullable String username, @Nullable String password) {

	private static final Pattern PARAMETER = Pattern.compile("([?&;])([A-Za-z]+)=([^&;#]*)");

	/**
	 * Split a URL.
	 * @param url the JDBC URL
	 * @return the URL without credentials, and the credentials
	 */
	static JdbcUrlCredentials of(String url) {
		Matcher matcher = PARAMETER.matcher(url);
		StringBuilder rest = new StringBuilder();
		String username = null;
		String password = null;
		while (matcher.find()) {
			String separator = matcher.group(1);
			String name = matcher.group(2);
			// Query parameters (PostgreSQL) are case-sensitive and URL-encoded; H2's ';'
			// settings are neither.
			boolean query = !separator.equals(";");
			boolean user = query ? name.equals("user") : name.equalsIgnoreCase("user");
			boolean secret = query ? name.equals("password") : name.equalsIgnoreCase("password");
			if (!user && !secret) {
				continue;
			}
			String value = query ? URLDecoder.decode(matcher.group(3), StandardCharsets.UTF_8) : matcher.group(3);
			if (user) {
				username = value;
			}
			else {
				password = value;
			}
			// Keep a '?' so that the parameters after it still follow one.
			matcher.appendReplacement(rest, separator.equals("?") ? "?" : "");
		}
		matcher.appendTail(rest);
		String stripped = rest.toString().replace("?&", "?");
		if (stripped.endsWith("?")) {
			stripped = stripped.substring(0, stripped.length() - 1);
		}
		return new JdbcUrlCredentials(stripped, username, password);
	}

	@Override
	public String toString() {
		return "JdbcUrlCredentials[" + this.url + "]";
	}

}
