package io.migrator.core.internal.script;

import io.migrator.core.resolve.ScriptScanner;
import io.migrator.core.resolve.ScriptResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.Version;
import io.migrator.core.MigrationType;
import io.migrator.core.callback.Event;
import io.migrator.core.java.JavaMigration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every script the application ships, checked as a set:
 * <ol>
 * <li>list each location with the {@link ScriptScanner};</li>
 * <li>ignore files that are not {@code .sql}; keep SQL callbacks (a file named after an
 * {@link Event}, such as {@code afterMigrate__grants.sql}); warn about other SQL files
 * whose names are not migrations;</li>
 * <li>parse every migration name, and collect every problem (bad names, two scripts for
 * one version, an undo script without its versioned script) into one error that names
 * each file.</li>
 * </ol>
 */
public final class ScriptCatalog {

	private static final Logger logger = LoggerFactory.getLogger(ScriptCatalog.class);

	private final TreeMap<Version, Script> versioned;

	private final Map<Version, Script> undo;

	private final Map<String, Script> repeatable;

	private final Map<Event, List<Script>> callbacks;

	private ScriptCatalog(TreeMap<Version, Script> versioned, Map<Version, Script> undo, Map<String, Script> repeatable,
			Map<Event, List<Script>> callbacks) {
		this.versioned = versioned;
		this.undo = undo;
		this.repeatable = repeatable;
		this.callbacks = callbacks;
	}

	/**
	 * Scan and check the scripts in the given locations.
	 * @param scanner lists each location
	 * @param locations the locations
	 * @return the catalog
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} naming every bad
	 * file
	 */
	public static ScriptCatalog scan(ScriptScanner scanner, List<String> locations) {
		return scan(scanner, locations, List.of());
	}

	/**
	 * Scan and check the scripts in the given locations, with the Java migrations.
	 * @param scanner lists each location
	 * @param locations the locations
	 * @param javaMigrations the Java migrations, each a versioned script (and an undo one
	 * when it can undo)
	 * @return the catalog
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} naming every bad
	 * file, and two migrations of one version
	 */
	public static ScriptCatalog scan(ScriptScanner scanner, List<String> locations,
			List<JavaMigration> javaMigrations) {
		List<ScriptResource> files = new ArrayList<>();
		for (String location : locations) {
			try {
				files.addAll(scanner.scan(location));
			}
			catch (IOException ex) {
				throw new MigrationException(Reason.CONFIGURATION,
						"Cannot list migration location '" + location + "': " + ex.getMessage(), ex);
			}
		}
		return of(files, javaMigrations);
	}

	/**
	 * Check a set of files as scripts.
	 * @param files the files found
	 * @return the catalog
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} naming every bad
	 * file
	 */
	public static ScriptCatalog of(List<ScriptResource> files) {
		return of(files, List.of());
	}

	/**
	 * Check a set of files and Java migrations as scripts.
	 * @param files the files found
	 * @param javaMigrations the Java migrations
	 * @return the catalog
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} naming every bad
	 * file
	 */
	public static ScriptCatalog of(List<ScriptResource> files, List<JavaMigration> javaMigrations) {
		List<String> problems = new ArrayList<>();
		TreeMap<Version, Script> versioned = new TreeMap<>();
		Map<Version, Script> undo = new HashMap<>();
		Map<String, Script> repeatable = new HashMap<>();
		Map<Event, List<Script>> callbacks = new EnumMap<>(Event.class);
		// In the order listed: the maps order the scripts, and a message that names two
		// files names them in a fixed order.
		for (ScriptResource file : files) {
			String fileName = file.name();
			if (!ScriptName.isSql(fileName)) {
				continue;
			}
			Script callback = Script.callback(file);
			if (callback != null) {
				callbacks.computeIfAbsent(callback.callbackEvent(), (event) -> new ArrayList<>()).add(callback);
				continue;
			}
			if (!ScriptName.looksLikeMigration(fileName)) {
				logger.warn("Ignoring {}: not a migration script name (V<version>__<description>.sql, "
						+ "U<version>__<description>.sql or R__<description>.sql)", file.location());
				continue;
			}
			ScriptName name;
			try {
				name = ScriptName.parse(fileName);
			}
			catch (IllegalArgumentException ex) {
				problems.add(file.location() + ": " + ex.getMessage());
				continue;
			}
			Script script = new Script(name, file);
			Script previous = switch (name.type()) {
				case VERSIONED -> versioned.putIfAbsent(name.version(), script);
				case UNDO -> undo.putIfAbsent(name.version(), script);
				default -> repeatable.putIfAbsent(name.description(), script);
			};
			if (previous != null) {
				problems.add(duplicate(previous, script));
			}
		}
		for (JavaMigration migration : javaMigrations) {
			String className = migration.getClass().getName();
			String checksum = migration.checksum();
			if (checksum == null || checksum.isEmpty() || checksum.length() > 64) {
				problems.add("Java migration " + className + " declares the checksum '" + checksum
						+ "': return 1 to 64 characters from checksum()");
				continue;
			}
			Script script = Script.java(migration, MigrationType.VERSIONED);
			Script previous = versioned.putIfAbsent(migration.version(), script);
			if (previous != null) {
				problems
					.add("Two migrations have version " + migration.version() + ": " + previous.resource().location()
							+ " and " + script.resource().location() + ". Give one of them another version");
			}
			else if (migration.canUndo()) {
				undo.putIfAbsent(migration.version(), Script.java(migration, MigrationType.UNDO));
			}
		}
		for (Script script : undo.values()) {
			if (!versioned.containsKey(script.version())) {
				problems.add(script.resource().location() + " undoes version " + script.version()
						+ ", but there is no versioned script V" + script.version()
						+ "__*.sql: rename it to match its versioned script or remove it");
			}
		}
		if (!problems.isEmpty()) {
			Collections.sort(problems);
			throw new MigrationException(Reason.INVALID_SCRIPTS,
					"Invalid migration scripts:\n  - " + String.join("\n  - ", problems));
		}
		Map<String, Script> repeatableSorted = new LinkedHashMap<>();
		repeatable.keySet().stream().sorted().forEach((key) -> repeatableSorted.put(key, repeatable.get(key)));
		callbacks.values().forEach((scripts) -> scripts.sort(Comparator.comparing(Script::fileName)));
		return new ScriptCatalog(versioned, undo, repeatableSorted, callbacks);
	}

	/**
	 * The problem of two scripts for one version or description, named in the same order
	 * whichever was listed first.
	 */
	private static String duplicate(Script one, Script other) {
		boolean oneFirst = one.resource().location().compareTo(other.resource().location()) < 0;
		Script first = oneFirst ? one : other;
		Script second = oneFirst ? other : one;
		String what = (first.version() != null) ? "version " + first.version()
				: "description '" + first.description() + "'";
		return "Two " + first.type().name().toLowerCase(java.util.Locale.ROOT) + " scripts have " + what + ": "
				+ first.resource().location() + " and " + second.resource().location() + ". Give one of them another "
				+ ((first.version() != null) ? "version" : "description");
	}

	/**
	 * Versioned scripts in version order.
	 * @return the versioned scripts
	 */
	public List<Script> versioned() {
		return List.copyOf(this.versioned.values());
	}

	/**
	 * Every versioned script in version order, then every repeatable one: the order a
	 * first migrate runs them in.
	 * @return the scripts
	 */
	public List<Script> inRunOrder() {
		List<Script> all = new ArrayList<>(versioned());
		all.addAll(repeatable());
		return all;
	}

	public @Nullable Script versioned(Version version) {
		return this.versioned.get(version);
	}

	public @Nullable Script undo(Version version) {
		return this.undo.get(version);
	}

	/**
	 * Repeatable scripts in description order.
	 * @return the repeatable scripts
	 */
	public List<Script> repeatable() {
		return List.copyOf(this.repeatable.values());
	}

	/**
	 * Hash every script a plan compares with the ledger (versioned and repeatable), so
	 * that the comparison is by SHA-256 alone, whatever the fingerprints say.
	 */
	public void hashComparedScripts() {
		versioned().forEach(Script::checksum);
		repeatable().forEach(Script::checksum);
	}

	/**
	 * Start reading, on a thread of its own, the fingerprint of every script whose
	 * scanner could not give one (a file on disk, where only reading it tells), so that
	 * the plan that compares scripts with the ledger finds them read: the reading
	 * overlaps the ledger's query and the parsing of its rows. A script not reached yet,
	 * or that could not be read, is read when the plan asks, as it would be without this.
	 * Scripts from a jar have their fingerprints from its directory: then no thread
	 * starts.
	 * @return stops the reading when closed
	 */
	public Reading readFingerprintsAhead() {
		List<Script> unread = new ArrayList<>();
		for (Script script : this.versioned.values()) {
			if (script.needsFingerprint()) {
				unread.add(script);
			}
		}
		for (Script script : this.repeatable.values()) {
			if (script.needsFingerprint()) {
				unread.add(script);
			}
		}
		if (unread.isEmpty()) {
			return () -> {
			};
		}
		AtomicBoolean stop = new AtomicBoolean();
		Thread reader = new Thread(() -> {
			for (Script script : unread) {
				if (stop.get()) {
					return;
				}
				script.readFingerprint();
			}
		}, "migrator-fingerprints");
		reader.setDaemon(true);
		reader.start();
		return () -> stop.set(true);
	}

	public @Nullable Script repeatable(String description) {
		return this.repeatable.get(description);
	}

	/**
	 * The highest versioned script: the version this application expects.
	 * @return the version, {@link Version#ZERO} when there is none
	 */
	public Version latestVersion() {
		return this.versioned.isEmpty() ? Version.ZERO : this.versioned.lastKey();
	}

	/**
	 * The SQL callbacks of an event, in file name order.
	 * @param event the event
	 * @return the callback scripts, empty when there are none
	 */
	public List<Script> callbacks(Event event) {
		return this.callbacks.getOrDefault(event, List.of());
	}

	public boolean isEmpty() {
		return this.versioned.isEmpty() && this.repeatable.isEmpty();
	}

	/**
	 * The reading of {@link #readFingerprintsAhead()}, stopped at the next script when
	 * closed.
	 */
	@FunctionalInterface
	public interface Reading extends AutoCloseable {

		@Override
		void close();

	}

}
