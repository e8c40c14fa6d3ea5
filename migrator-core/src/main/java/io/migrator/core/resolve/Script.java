package io.migrator.core.resolve;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import org.jspecify.annotations.Nullable;

/**
 * A migration script the application ships. Its checksum is computed on first use, so scripts
 * that are never compared (undo scripts, most of the time) are never read.
 *
 * @since 0.1.0
 */
public final class Script {

	private final ScriptName name;

	private final ScriptResource resource;

	private volatile @Nullable String checksum;

	public Script(ScriptName name, ScriptResource resource) {
		this.name = name;
		this.resource = resource;
	}

	public MigrationType type() {
		return this.name.type();
	}

	/**
	 * The version; {@code null} only for a repeatable script.
	 * @return the version
	 */
	public @Nullable Version version() {
		return this.name.version();
	}

	public String description() {
		return this.name.description();
	}

	public ScriptResource resource() {
		return this.resource;
	}

	/**
	 * The file name, as recorded in the history.
	 * @return the file name
	 */
	public String fileName() {
		return this.resource.name();
	}

	/**
	 * The checksum of the normalised text, see {@link ScriptText#checksum(ScriptResource)}.
	 * @return the checksum
	 */
	public String checksum() {
		String result = this.checksum;
		if (result == null) {
			result = ScriptText.checksum(this.resource);
			this.checksum = result;
		}
		return result;
	}

	/**
	 * The normalised text of a script up to 1 MiB, read in one go; the checksum comes from the
	 * same read when it is not known yet, so a pending script is read once. A larger script gives
	 * {@code null}: stream it with {@link ScriptText#open(ScriptResource)}.
	 * @return the text, or {@code null} for a large script
	 * @throws MigrationException if it cannot be read or is not valid UTF-8
	 */
	public @Nullable String text() {
		ScriptText.Content content = ScriptText.read(this.resource, this.checksum == null);
		if (content == null) {
			return null;
		}
		if (content.checksum() != null) {
			this.checksum = content.checksum();
		}
		return content.text();
	}

	@Override
	public String toString() {
		return this.resource.location();
	}

}
