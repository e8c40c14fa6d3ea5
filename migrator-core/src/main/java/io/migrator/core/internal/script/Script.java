package io.migrator.core.internal.script;

import io.migrator.core.resolve.ScriptFingerprint;
import io.migrator.core.resolve.ScriptResource;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.callback.Event;
import io.migrator.core.java.JavaMigration;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A migration script the application ships. Its checksum is computed on first use, so
 * scripts that are never compared (undo scripts, most of the time) are never read.
 */
public final class Script {

	private final ScriptName name;

	private final ScriptResource resource;

	private final @Nullable Event callbackEvent;

	private final @Nullable JavaMigration java;

	private volatile @Nullable String checksum;

	/**
	 * The fingerprint of the bytes {@link #checksum} was taken from, when known. Atomic:
	 * the catalog's reading ahead only fills it while it is empty, so it never replaces
	 * the fingerprint of a later read.
	 */
	private final AtomicReference<@Nullable ScriptFingerprint> fingerprint = new AtomicReference<>();

	public Script(ScriptName name, ScriptResource resource) {
		this(name, resource, null, null);
	}

	private Script(ScriptName name, ScriptResource resource, @Nullable Event callbackEvent,
			@Nullable JavaMigration java) {
		this.name = name;
		this.resource = resource;
		this.callbackEvent = callbackEvent;
		this.java = java;
		this.checksum = (java != null) ? java.checksum() : null;
		this.fingerprint.set((java != null) ? null : resource.fingerprint());
	}

	/**
	 * A Java migration, or its undo, as a script of the catalog: named after its class,
	 * with the checksum it declares, and no text.
	 * @param migration the migration
	 * @param type {@code VERSIONED}, or {@code UNDO} for its undo
	 * @return the script
	 */
	static Script java(JavaMigration migration, MigrationType type) {
		String className = migration.getClass().getName();
		ScriptResource resource = new ScriptResource() {

			@Override
			public String name() {
				return className;
			}

			@Override
			public String location() {
				return "java:" + className;
			}

			@Override
			public InputStream open() throws IOException {
				throw new IOException(className + " is a Java migration: it has no text");
			}

		};
		return new Script(new ScriptName(type, migration.version(), migration.description()), resource, null,
				migration);
	}

	/**
	 * The Java migration this script stands for.
	 * @return the migration, {@code null} for an SQL script
	 */
	public @Nullable JavaMigration java() {
		return this.java;
	}

	/**
	 * An SQL callback: a file named {@code <event>.sql} or
	 * {@code <event>__<description>.sql}, after an {@link Event}'s Flyway name.
	 * @param resource the file
	 * @return the callback script, or {@code null} when the name is no event's
	 */
	static @Nullable Script callback(ScriptResource resource) {
		String fileName = resource.name();
		String stem = fileName.substring(0, fileName.length() - ".sql".length());
		int separator = stem.indexOf("__");
		Event event = Event.fromCallbackName((separator < 0) ? stem : stem.substring(0, separator));
		if (event == null) {
			return null;
		}
		String description = (separator < 0) ? event.callbackName()
				: stem.substring(separator + 2).replace('_', ' ').trim();
		return new Script(new ScriptName(MigrationType.REPEATABLE, null, description), resource, event, null);
	}

	/**
	 * The event of an SQL callback.
	 * @return the event, {@code null} for a migration script
	 */
	public @Nullable Event callbackEvent() {
		return this.callbackEvent;
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
	 * The checksum of the normalised text, see
	 * {@link ScriptText#checksum(ScriptResource)}.
	 * @return the checksum
	 */
	public String checksum() {
		String result = this.checksum;
		if (result == null) {
			ScriptText.Content content = ScriptText.hash(this.resource);
			result = content.checksum();
			remember(content);
		}
		return result;
	}

	/**
	 * The fingerprint the ledger records beside the checksum: that of the bytes the
	 * checksum was taken from.
	 * @return {@code <size>:<crc32>}, or {@code null} when it is not known (a Java
	 * migration, a script over 1 MiB that its scanner gave no fingerprint)
	 */
	public @Nullable String fingerprint() {
		checksum();
		ScriptFingerprint known = this.fingerprint.get();
		return (known != null) ? known.toString() : null;
	}

	/**
	 * Whether this script is the one a ledger row recorded. A script whose fingerprint is
	 * the recorded one is taken as unchanged without being hashed: the scanner may know
	 * the fingerprint without reading the file (a jar's directory holds it), and
	 * otherwise reading the bytes costs far less than decoding and hashing them. Any
	 * other script is compared by its checksum.
	 * @param recordedChecksum the row's checksum
	 * @param recordedFingerprint the row's fingerprint, {@code null} for a row written
	 * without one
	 * @return whether the content is the recorded one
	 */
	public boolean hasContent(@Nullable String recordedChecksum, @Nullable String recordedFingerprint) {
		if (recordedChecksum == null) {
			return false;
		}
		if (this.checksum == null && recordedFingerprint != null && this.java == null
				&& currentFingerprint().matches(recordedFingerprint)) {
			this.checksum = recordedChecksum;
			return true;
		}
		return recordedChecksum.equals(checksum());
	}

	private ScriptFingerprint currentFingerprint() {
		ScriptFingerprint known = this.fingerprint.get();
		if (known == null) {
			known = ScriptText.fingerprint(this.resource);
			this.fingerprint.compareAndSet(null, known);
		}
		return known;
	}

	/**
	 * Whether only reading the file can tell this script's fingerprint, and nothing has
	 * read it yet.
	 * @return whether {@link #readFingerprint()} would read it
	 */
	boolean needsFingerprint() {
		return this.java == null && this.checksum == null && this.fingerprint.get() == null;
	}

	/**
	 * Read the fingerprint now, ahead of the plan that compares it: a script that cannot
	 * be read is left as it was, and the plan reads it again and reports why.
	 */
	void readFingerprint() {
		if (!needsFingerprint()) {
			return;
		}
		try {
			this.fingerprint.compareAndSet(null, ScriptText.fingerprint(this.resource));
		}
		catch (MigrationException ex) {
			// Reported by the read that needs it.
		}
	}

	/**
	 * The checksum and the fingerprint of one read. A script too large to hold has only
	 * its scanner's fingerprint (a jar's directory): one taken by an earlier read of the
	 * file might not be of the bytes just hashed.
	 */
	private void remember(ScriptText.Content content) {
		this.checksum = content.checksum();
		this.fingerprint.set((content.fingerprint() != null) ? content.fingerprint() : this.resource.fingerprint());
	}

	/**
	 * The normalised text of a script up to 1 MiB, read in one go with its checksum, so a
	 * pending script is read once. A larger script gives {@code null}: stream it with
	 * {@link ScriptText#open(ScriptResource)}. Either way the checksum is taken again: a
	 * script hashed earlier (while waiting for the lock, say) must still be the script
	 * that runs, or its ledger row would record another text.
	 * @return the text, or {@code null} for a large script
	 * @throws MigrationException if it cannot be read, is not valid UTF-8, or changed
	 * since it was hashed
	 */
	public @Nullable String text() {
		if (this.java != null) {
			return "";
		}
		ScriptText.Content content = ScriptText.read(this.resource);
		String now = content.checksum();
		String before = this.checksum;
		if (before != null && !before.equals(now)) {
			throw new MigrationException(Reason.INVALID_SCRIPTS,
					this.resource.location() + " changed while migrator was running (checksum " + before + ", now "
							+ now + "). Nothing of it was applied."
							+ " Keep scripts unchanged while migrating, then start again",
					this.resource.location(), 0, null, null);
		}
		remember(content);
		return content.text();
	}

	@Override
	public String toString() {
		return this.resource.location();
	}

}
