package io.migrator.core.flyway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scripts with what changes how a checksum is read: LF and CRLF endings, a byte order
 * mark, no trailing newline, text beyond ASCII, and a repeatable script; with the
 * checksums the real Flyway 13.12.2 wrote for each into {@code flyway_schema_history}
 * ({@link FlywayAdoptionTests#flywaysChecksumIsTheOneFlywayWrote} checks them against
 * Flyway again on every run).
 */
final class FlywaySet {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	/** Each script's bytes, by file name. */
	static final Map<String, byte[]> SCRIPTS = new LinkedHashMap<>();

	/** What Flyway 13.12.2 recorded as each script's checksum. */
	static final Map<String, Integer> FLYWAY_CHECKSUMS = new LinkedHashMap<>();

	static {
		add("V1__legacy.sql", utf8("CREATE TABLE IF NOT EXISTS legacy (id INT);\n"), -565713437);
		add("V2__create_customer.sql",
				utf8("CREATE TABLE customer (\n  id INT PRIMARY KEY,\n  name TEXT\n);\n\n-- Grüße, 顧客 ✓\n"
						+ "INSERT INTO customer VALUES (1, 'Zoë');\n"),
				-1416506040);
		add("V3__crlf.sql", utf8("CREATE TABLE crlf (id INT);\r\n\r\nCOMMENT ON TABLE crlf IS 'windows';\r\n"),
				2115287982);
		add("V4__bom.sql", concat(BOM, utf8("CREATE TABLE bom (id INT);\n")), -287171904);
		add("V5__no_trailing_newline.sql", utf8("CREATE TABLE last (id INT);\nSELECT 'é'"), 336182118);
		add("R__customer_names.sql", utf8("CREATE OR REPLACE VIEW customer_names AS SELECT id, name FROM customer;\n"),
				488111467);
	}

	private FlywaySet() {
	}

	/**
	 * Write every script into a folder.
	 * @param folder the folder
	 * @throws IOException if writing fails
	 */
	static void writeTo(Path folder) throws IOException {
		for (Map.Entry<String, byte[]> script : SCRIPTS.entrySet()) {
			Files.write(folder.resolve(script.getKey()), script.getValue());
		}
	}

	private static void add(String name, byte[] content, int flywayChecksum) {
		SCRIPTS.put(name, content);
		FLYWAY_CHECKSUMS.put(name, flywayChecksum);
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] concat(byte[] first, byte[] second) {
		byte[] all = new byte[first.length + second.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(second, 0, all, first.length, second.length);
		return all;
	}

}
