package io.migrator.core.resolve;

import java.io.IOException;
import java.io.InputStream;

import org.jspecify.annotations.Nullable;

/**
 * A file found in a migration location.
 *
 * @since 0.1.0
 */
public interface ScriptResource {

	/**
	 * The file name without directories, such as {@code V1__init.sql}.
	 * @return the file name
	 */
	String name();

	/**
	 * Where the file is, for messages, such as
	 * {@code classpath:db/migration/V1__init.sql}.
	 * @return the location
	 */
	String location();

	/**
	 * Open the file's bytes; the caller closes the stream.
	 * @return the content
	 * @throws IOException if it cannot be read
	 */
	InputStream open() throws IOException;

	/**
	 * The size and CRC-32 of the file's bytes, when they are known without reading the
	 * file (a jar's directory holds both for every entry), so that an unchanged script
	 * need not be read at all.
	 * @return the fingerprint, or {@code null} when only reading the file can tell it
	 * @since 0.3.0
	 */
	default @Nullable ScriptFingerprint fingerprint() {
		return null;
	}

}
