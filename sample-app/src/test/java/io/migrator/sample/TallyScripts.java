package io.migrator.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import io.migrator.core.Version;

/**
 * Migration scripts whose effects can be counted: each inserts one row per effect into
 * {@code tally}, so "applied exactly once" is a count. An effect is named after its
 * version ({@code 7}), or its version and a part ({@code 7/a}) when a script has several;
 * a repeatable script's effect is {@code R}.
 */
final class TallyScripts {

	/** Effects in version order, then by part. */
	static final Comparator<String> VERSION_ORDER = Comparator
		.comparing((String effect) -> versionOf(effect).equals("R") ? "999999" : versionOf(effect),
				(a, b) -> Version.parse(a).compareTo(Version.parse(b)))
		.thenComparing(Comparator.naturalOrder());

	static final String CREATE_TALLY = "CREATE TABLE tally (effect TEXT NOT NULL,"
			+ " pid INT NOT NULL DEFAULT pg_backend_pid(), at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp());\n";

	private final Path dir;

	TallyScripts(Path dir) {
		this.dir = dir;
	}

	static String versionOf(String effect) {
		int slash = effect.indexOf('/');
		return (slash < 0) ? effect : effect.substring(0, slash);
	}

	static String insert(String effect) {
		return "INSERT INTO tally (effect) VALUES ('" + effect + "');\n";
	}

	String location() {
		return "--migrator.locations=filesystem:" + this.dir;
	}

	Path dir() {
		return this.dir;
	}

	TallyScripts write(String name, String content) {
		try {
			Files.writeString(this.dir.resolve(name), content, StandardCharsets.UTF_8);
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@code V1__create_tally.sql}, the usual first script: it creates the tally and
	 * counts itself as effect {@code 1}.
	 * @return this
	 */
	TallyScripts createTally() {
		return write("V1__create_tally.sql", CREATE_TALLY + insert("1"));
	}

	/**
	 * The race: {@code V1} creates the tally, {@code V2} to {@code V<count>} each count
	 * themselves, some after a short sleep (so that a run takes long enough for the
	 * others to queue behind its lock), one of them in the middle builds an index with
	 * {@code CREATE INDEX CONCURRENTLY} (outside a transaction), another runs a
	 * {@code DO} block, and a repeatable script creates a view and counts itself.
	 * @param count the number of versioned scripts
	 * @return the version of the {@code CONCURRENTLY} script
	 */
	String race(int count) {
		createTally();
		int concurrently = count / 2;
		for (int version = 2; version <= count; version++) {
			String effect = String.valueOf(version);
			if (version == concurrently) {
				write("V" + version + "__index_tally.sql",
						"CREATE INDEX CONCURRENTLY tally_effect_idx ON tally (effect);\n" + insert(effect));
			}
			else if (version % 10 == 7) {
				write("V" + version + "__do_block.sql", "DO $$\nBEGIN\n  PERFORM pg_sleep(0.05);\n"
						+ "  INSERT INTO tally (effect) VALUES ('" + effect + "');\nEND $$;\n");
			}
			else if (version % 4 == 0) {
				write("V" + version + "__slow_step.sql", "SELECT pg_sleep(0.1);\n" + insert(effect));
			}
			else {
				write("V" + version + "__step.sql", insert(effect));
			}
		}
		write("R__tally_view.sql", "CREATE OR REPLACE VIEW tally_view AS SELECT effect FROM tally;\n" + insert("R"));
		return String.valueOf(concurrently);
	}

}
