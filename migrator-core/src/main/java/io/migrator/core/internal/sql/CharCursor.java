package io.migrator.core.internal.sql;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

import org.jspecify.annotations.Nullable;

/**
 * Reads characters through a private buffer with one character of look-ahead, counting
 * lines. A line ends at {@code \n}, {@code \r\n} or a lone {@code \r}.
 */
final class CharCursor {

	static final int EOF = -1;

	private final @Nullable Reader reader;

	private final char[] buffer;

	private int position;

	private int limit;

	private int line = 1;

	private boolean exhausted;

	CharCursor(Reader reader) {
		this.reader = reader;
		this.buffer = new char[8192];
	}

	/**
	 * Reads a whole text held in memory: no reader, and no buffer beyond the text's own
	 * chars.
	 */
	CharCursor(String text) {
		this.reader = null;
		this.buffer = text.toCharArray();
		this.limit = this.buffer.length;
		this.exhausted = true;
	}

	/** The next character, consumed, or {@link #EOF}. */
	int read() {
		if (position == limit && !fill()) {
			return EOF;
		}
		char c = buffer[position++];
		// "\r\n" counts once: the '\n' does the counting.
		if (c == '\n' || (c == '\r' && peek() != '\n')) {
			line++;
		}
		return c;
	}

	/** The next character without consuming it, or {@link #EOF}. */
	int peek() {
		if (position == limit && !fill()) {
			return EOF;
		}
		return buffer[position];
	}

	/** The line of the last character read; after a line break, the line it starts. */
	int line() {
		return line;
	}

	private boolean fill() {
		if (exhausted || reader == null) {
			return false;
		}
		try {
			int count;
			do {
				count = reader.read(buffer, 0, buffer.length);
			}
			while (count == 0);
			if (count < 0) {
				exhausted = true;
				return false;
			}
			position = 0;
			limit = count;
			return true;
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read the SQL script: " + e.getMessage(), e);
		}
	}

}
