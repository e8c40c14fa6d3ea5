package io.migrator.core.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.migrator.core.resolve.ScriptResource;

/**
 * A script that a test makes up rather than writes to a location: its name, where it says
 * it is, and what opening it gives.
 *
 * @param name the file name, such as {@code V1__init.sql}
 * @param location where it says it is, for messages
 * @param content what {@link #open()} returns or throws, each time it is called
 */
public record TestScript(String name, String location, Content content) implements ScriptResource {

	/**
	 * A script whose content is a text, as UTF-8.
	 * @param name the file name
	 * @param location where it says it is
	 * @param text the content
	 * @return the script
	 */
	public static TestScript of(String name, String location, String text) {
		return new TestScript(name, location, () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * A script that cannot be opened.
	 * @param name the file name
	 * @param location where it says it is
	 * @param message the message of the {@link IOException} that opening it throws
	 * @return the script
	 */
	public static TestScript unreadable(String name, String location, String message) {
		return new TestScript(name, location, () -> {
			throw new IOException(message);
		});
	}

	@Override
	public InputStream open() throws IOException {
		return this.content.open();
	}

	/**
	 * What opening a script gives.
	 */
	@FunctionalInterface
	public interface Content {

		InputStream open() throws IOException;

	}

}
