package io.migrator.core.internal.execute;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Map;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PlaceholdersTests {

	private static final String FILE = "V1__init.sql";

	private static final String LOCATION = "classpath:db/migration/" + FILE;

	private final Placeholders placeholders = Placeholders.of(true, "${", "}",
			Map.of("schema", "app", "Owner", "app_owner"), Map.of("defaultSchema", "public", "user", "deployer",
					"database", "shop", "timestamp", "2024-05-01 10:00:00", "table", "migrator_schema_history"));

	@Test
	void replacesEverywhereInTheTextStringsAndCommentsIncludedAsFlywayDoes() {
		assertThat(replace("-- for ${schema}\nCREATE TABLE ${schema}.t (c TEXT DEFAULT '${schema}');\n"))
			.isEqualTo("-- for app\nCREATE TABLE app.t (c TEXT DEFAULT 'app');\n");
	}

	@Test
	void hasTheBuiltInsUnderFlywaysAndMigratorsPrefix() {
		assertThat(replace("${flyway:defaultSchema} ${migrator:defaultSchema} ${flyway:user} ${migrator:user}"
				+ " ${flyway:database} ${flyway:timestamp} ${flyway:table} ${flyway:filename} ${migrator:filename}"))
			.isEqualTo("public public deployer deployer shop 2024-05-01 10:00:00 migrator_schema_history " + FILE + " "
					+ FILE);
	}

	@Test
	void matchesNamesIgnoringCase() {
		assertThat(replace("${SCHEMA} ${owner} ${FLYWAY:USER}")).isEqualTo("app app_owner deployer");
	}

	@Test
	void aPlaceholderWithoutAValueFailsNamingTheFileAndLine() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> replace("SELECT 1;\n\nSELECT '${missing}';\n"))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(Reason.INVALID_SCRIPTS);
				assertThat(ex.line()).isEqualTo(3);
				assertThat(ex.script()).isEqualTo(LOCATION);
			})
			.withMessageStartingWith(LOCATION + " line 3: no value for placeholder ${missing}")
			.withMessageContaining("migrator.placeholders.missing")
			.withMessageContaining("-- migrator:placeholders=false");
	}

	@Test
	void leavesTextThatIsNoPlaceholderAsItIs() {
		String text = "SELECT '${ spaced }', '${}', '${unclosed', '$${schema}', 'a}b';\n";
		assertThat(replace(text)).isEqualTo("SELECT '${ spaced }', '${}', '${unclosed', '$app', 'a}b';\n");
	}

	@Test
	void usesTheConfiguredPrefixAndSuffix() {
		Placeholders custom = Placeholders.of(true, "#[", "]", Map.of("schema", "app"), Map.of());
		assertThat(custom.replace("CREATE TABLE #[schema].t (id INT[]); -- ${schema}", FILE, LOCATION))
			.isEqualTo("CREATE TABLE app.t (id INT[]); -- ${schema}");
	}

	@Test
	void theStreamedTextIsTheSameAsTheTextReplacedAtOnce() throws IOException {
		String text = "-- ${schema}\nCREATE TABLE ${schema}.t (id INT);\n\nINSERT INTO ${schema}.t VALUES (1);\n";
		assertThat(stream(text)).isEqualTo(replace(text));
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> stream("SELECT 1;\nSELECT ${nope};\n"))
			.withMessageStartingWith(LOCATION + " line 2: no value for placeholder ${nope}");
	}

	@Test
	void appliesUnlessTurnedOffOrTheScriptSaysSo() {
		assertThat(this.placeholders.appliesTo(Directives.NONE)).isTrue();
		assertThat(this.placeholders.appliesTo(new Directives(null, null, null, false))).isFalse();
		assertThat(Placeholders.NONE.appliesTo(Directives.NONE)).isFalse();
	}

	private String replace(String text) {
		return this.placeholders.replace(text, FILE, LOCATION);
	}

	private String stream(String text) throws IOException {
		StringWriter out = new StringWriter();
		try (Reader reader = this.placeholders.reader(new BufferedReader(new StringReader(text)), FILE, LOCATION)) {
			reader.transferTo(out);
		}
		return out.toString();
	}

}
