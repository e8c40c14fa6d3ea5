package io.migrator.core.internal.plan;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import io.migrator.core.Version;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import io.migrator.core.resolve.ScriptResource;

/**
 * In-memory scripts for plan tests: every script has real text, so its checksum is the
 * one the engine computes.
 */
final class TestScripts {

	static final String V1 = "V1__create_accounts.sql";

	static final String V2 = "V2__add_email.sql";

	static final String V3 = "V3__index_email.sql";

	static final String V4 = "V4__drop_legacy.sql";

	static final String U1 = "U1__create_accounts.sql";

	static final String U2 = "U2__add_email.sql";

	static final String U3 = "U3__index_email.sql";

	/** The repeatable script; its description is {@link #VIEWS}. */
	static final String R = "R__account_views.sql";

	static final String VIEWS = "account views";

	private static final String LOCATION = "classpath:db/migration/";

	private TestScripts() {
	}

	/**
	 * A catalog of scripts whose text is made from their names.
	 * @param names the file names
	 * @return the catalog
	 */
	static ScriptCatalog catalog(String... names) {
		return ScriptCatalog.of(Arrays.stream(names).map(TestScripts::script).toList());
	}

	/**
	 * A catalog of the given scripts.
	 * @param scripts the scripts
	 * @return the catalog
	 */
	static ScriptCatalog catalog(List<ScriptResource> scripts) {
		return ScriptCatalog.of(scripts);
	}

	/**
	 * A script whose text is made from its name.
	 * @param name the file name
	 * @return the script
	 */
	static ScriptResource script(String name) {
		return script(name, "-- " + name + "\nSELECT 1;\n");
	}

	/**
	 * A script with the given text.
	 * @param name the file name
	 * @param text the text
	 * @return the script
	 */
	static ScriptResource script(String name, String text) {
		return new InMemoryScript(name, LOCATION + name, text);
	}

	static Version v(String version) {
		return Version.parse(version);
	}

	static Script versioned(ScriptCatalog catalog, String version) {
		Script script = catalog.versioned(v(version));
		if (script == null) {
			throw new IllegalArgumentException("No versioned script " + version + " in the catalog");
		}
		return script;
	}

	static Script repeatable(ScriptCatalog catalog, String description) {
		Script script = catalog.repeatable(description);
		if (script == null) {
			throw new IllegalArgumentException("No repeatable script " + description + " in the catalog");
		}
		return script;
	}

	/**
	 * The file names of scripts, to compare what a plan runs.
	 * @param scripts the scripts
	 * @return their file names, in order
	 */
	static List<String> fileNames(List<Script> scripts) {
		return scripts.stream().map(Script::fileName).toList();
	}

	record InMemoryScript(String name, String location, String text) implements ScriptResource {

		@Override
		public InputStream open() {
			return new ByteArrayInputStream(this.text.getBytes(StandardCharsets.UTF_8));
		}

	}

}
