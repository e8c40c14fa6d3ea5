package io.migrator.core.internal.script;

import io.migrator.core.resolve.ScriptResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;

/**
 * Drops a leading BOM and turns {@code \r\n} and {@code \r} into {@code \n}; reports
 * invalid UTF-8 with the line it is on.
 */
final class NormalizingReader extends Reader {

	private final Reader in;

	private final ScriptResource resource;

	private final char[] buffer = new char[16 * 1024];

	private int position;

	private int limit;

	private boolean first = true;

	private boolean pendingCr;

	NormalizingReader(Reader in, ScriptResource resource) {
		this.in = in;
		this.resource = resource;
	}

	@Override
	public int read(char[] target, int offset, int length) throws IOException {
		if (length == 0) {
			return 0;
		}
		int written = 0;
		while (written < length) {
			if (this.position == this.limit && !fill()) {
				break;
			}
			char c = this.buffer[this.position++];
			if (this.pendingCr) {
				this.pendingCr = false;
				if (c == '\n') {
					continue;
				}
			}
			if (c == '\r') {
				this.pendingCr = true;
				c = '\n';
			}
			target[offset + written++] = c;
		}
		return (written == 0) ? -1 : written;
	}

	private boolean fill() throws IOException {
		int read;
		try {
			read = this.in.read(this.buffer, 0, this.buffer.length);
		}
		catch (CharacterCodingException ex) {
			throw new ScriptText.NotUtf8(ScriptText.notUtf8(this.resource.location(), lineOfInvalidUtf8(), ex));
		}
		if (read <= 0) {
			return false;
		}
		this.position = 0;
		this.limit = read;
		if (this.first) {
			this.first = false;
			if (this.buffer[0] == '\uFEFF') {
				this.position = 1;
				return this.position < this.limit || fill();
			}
		}
		return true;
	}

	/**
	 * The line of the first byte sequence that is not UTF-8. Only called on that error,
	 * so reading the file again costs nothing on the normal path.
	 */
	private int lineOfInvalidUtf8() {
		try (InputStream bytes = this.resource.open()) {
			return ScriptBytes.lineOfInvalidUtf8(bytes.readAllBytes());
		}
		catch (IOException ex) {
			return 0;
		}
	}

	@Override
	public void close() throws IOException {
		this.in.close();
	}

}
