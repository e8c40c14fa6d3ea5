package io.migrator.core.internal.lint;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import io.migrator.core.resolve.ScriptResource;

/** In-memory scripts for the linter's tests. */
final class LintScripts {

	private LintScripts() {
	}

	/**
	 * Versioned scripts, in version order.
	 * @param namesAndTexts each script's file name, then its text
	 * @return the scripts
	 */
	static List<Script> scripts(String... namesAndTexts) {
		List<ScriptResource> resources = new ArrayList<>();
		for (int i = 0; i < namesAndTexts.length; i += 2) {
			resources.add(
					new InMemory(namesAndTexts[i], "classpath:db/migration/" + namesAndTexts[i], namesAndTexts[i + 1]));
		}
		return ScriptCatalog.of(resources).versioned();
	}

	record InMemory(String name, String location, String text) implements ScriptResource {

		@Override
		public InputStream open() {
			return new ByteArrayInputStream(this.text.getBytes(StandardCharsets.UTF_8));
		}

	}

}
