package io.migrator.core.internal.script;

import io.migrator.core.resolve.ScriptScanner;
import io.migrator.core.resolve.ScriptFingerprint;
import io.migrator.core.resolve.ScriptResource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.callback.Event;
import io.migrator.core.testsupport.TestScript;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ScriptCatalogTests {

	private static final String LOCATION = "classpath:db/migration/";

	private static final byte[] BYTES = "SELECT 1;".getBytes(StandardCharsets.UTF_8);

	@Test
	void sortsVersionedScriptsNumerically() {
		ScriptCatalog catalog = ScriptCatalog.of(files("V10__ten.sql", "V2__two.sql", "V1.10__one_ten.sql",
				"V1.9__one_nine.sql", "V1__one.sql", "V1.1__one_one.sql"));
		assertThat(catalog.versioned()).extracting(Script::fileName)
			.containsExactly("V1__one.sql", "V1.1__one_one.sql", "V1.9__one_nine.sql", "V1.10__one_ten.sql",
					"V2__two.sql", "V10__ten.sql");
		assertThat(catalog.versioned()).extracting(Script::type).containsOnly(MigrationType.VERSIONED);
		assertThat(catalog.latestVersion()).isEqualTo(Version.parse("10"));
	}

	@Test
	void findsScriptsByVersionWhateverTheTrailingZeros() {
		ScriptCatalog catalog = ScriptCatalog.of(files("V1.0__init.sql", "U1__init.sql"));
		assertThat(catalog.versioned(Version.parse("1"))).isNotNull()
			.extracting(Script::fileName)
			.isEqualTo("V1.0__init.sql");
		assertThat(catalog.undo(Version.parse("1.0.0"))).isNotNull()
			.extracting(Script::fileName)
			.isEqualTo("U1__init.sql");
		assertThat(catalog.versioned(Version.parse("2"))).isNull();
		assertThat(catalog.undo(Version.parse("2"))).isNull();
	}

	@Test
	void sortsRepeatableScriptsByDescription() {
		ScriptCatalog catalog = ScriptCatalog.of(files("R__views.sql", "R__functions.sql", "R__grants.sql"));
		assertThat(catalog.repeatable()).extracting(Script::description)
			.containsExactly("functions", "grants", "views");
		assertThat(catalog.repeatable()).extracting(Script::version).containsOnlyNulls();
		assertThat(catalog.repeatable("grants")).isNotNull().extracting(Script::fileName).isEqualTo("R__grants.sql");
		assertThat(catalog.repeatable("missing")).isNull();
	}

	@Test
	void keepsVersionedUndoAndRepeatableScriptsApart() {
		ScriptCatalog catalog = ScriptCatalog.of(files("V1__init.sql", "V2__more.sql", "U2__more.sql", "R__views.sql"));
		assertThat(catalog.versioned()).extracting(Script::fileName).containsExactly("V1__init.sql", "V2__more.sql");
		assertThat(catalog.repeatable()).extracting(Script::fileName).containsExactly("R__views.sql");
		assertThat(catalog.undo(Version.parse("2"))).isNotNull().extracting(Script::type).isEqualTo(MigrationType.UNDO);
		assertThat(catalog.undo(Version.parse("1"))).isNull();
		assertThat(catalog.latestVersion()).isEqualTo(Version.parse("2"));
		assertThat(catalog.isEmpty()).isFalse();
	}

	@Test
	void ignoresFilesThatAreNotSql() {
		ScriptCatalog catalog = ScriptCatalog.of(files("V1__init.sql", "V2__notes.txt", "README.md",
				"V3__broken.sql.bak", ".DS_Store", "V1__init.sql~"));
		assertThat(catalog.versioned()).extracting(Script::fileName).containsExactly("V1__init.sql");
	}

	@Test
	void ignoresSqlFilesWithNamesThatAreNotMigrations() {
		ScriptCatalog catalog = ScriptCatalog.of(files("V1__init.sql", "readme.sql", "Report.sql", "seed.sql"));
		assertThat(catalog.versioned()).extracting(Script::fileName).containsExactly("V1__init.sql");
		assertThat(catalog.repeatable()).isEmpty();
	}

	@Test
	void keepsFlywaysSqlCallbacksApartInFileNameOrder() {
		ScriptCatalog catalog = ScriptCatalog.of(files("V1__init.sql", "afterMigrate__z_grants.sql", "afterMigrate.sql",
				"beforeEachMigrate.sql", "afterMigrate__a_notify.sql", "beforeValidate.sql"));
		assertThat(catalog.versioned()).extracting(Script::fileName).containsExactly("V1__init.sql");
		assertThat(catalog.repeatable()).isEmpty();
		assertThat(catalog.callbacks(Event.AFTER_MIGRATE)).extracting(Script::fileName)
			.containsExactly("afterMigrate.sql", "afterMigrate__a_notify.sql", "afterMigrate__z_grants.sql");
		assertThat(catalog.callbacks(Event.AFTER_MIGRATE)).extracting(Script::description)
			.containsExactly("afterMigrate", "a notify", "z grants");
		assertThat(catalog.callbacks(Event.BEFORE_EACH_MIGRATE)).extracting(Script::callbackEvent)
			.containsExactly(Event.BEFORE_EACH_MIGRATE);
		assertThat(catalog.callbacks(Event.BEFORE_UNDO)).isEmpty();
	}

	@Test
	void acceptsUpperCaseSqlExtension() {
		ScriptCatalog catalog = ScriptCatalog.of(files("V1__init.SQL"));
		assertThat(catalog.versioned()).extracting(Script::fileName).containsExactly("V1__init.SQL");
	}

	@Test
	void rejectsTwoScriptsWithOneVersion() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> ScriptCatalog.of(files("V1__a.sql", "V1.0__b.sql", "V2__c.sql")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining(LOCATION + "V1__a.sql")
			.withMessageContaining(LOCATION + "V1.0__b.sql")
			.withMessageContaining("versioned")
			.withMessageNotContaining("V2__c.sql");
	}

	@Test
	void rejectsTwoScriptsWithOneVersionInDifferentLocations() {
		List<ScriptResource> files = List.of(TestScript.of("V1__init.sql", "classpath:db/migration/V1__init.sql", ""),
				TestScript.of("V1__init.sql", "filesystem:/srv/sql/V1__init.sql", ""));
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> ScriptCatalog.of(files))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining("classpath:db/migration/V1__init.sql")
			.withMessageContaining("filesystem:/srv/sql/V1__init.sql");
	}

	@Test
	void rejectsTwoUndoScriptsWithOneVersion() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> ScriptCatalog.of(files("V1__a.sql", "U1__a.sql", "U1.0__b.sql")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining(LOCATION + "U1__a.sql")
			.withMessageContaining(LOCATION + "U1.0__b.sql");
	}

	@Test
	void rejectsTwoRepeatableScriptsWithOneDescription() {
		List<ScriptResource> files = List.of(TestScript.of("R__views.sql", "classpath:db/migration/R__views.sql", ""),
				TestScript.of("R__views.sql", "classpath:db/migration/more/R__views.sql", ""));
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> ScriptCatalog.of(files))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining("classpath:db/migration/R__views.sql")
			.withMessageContaining("classpath:db/migration/more/R__views.sql")
			.withMessageContaining("'views'");
	}

	@Test
	void rejectsRepeatableScriptsWhoseDescriptionsOnlyDifferInUnderscoresAndSpaces() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> ScriptCatalog.of(files("R__order_views.sql", "R__order views.sql")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining(LOCATION + "R__order_views.sql")
			.withMessageContaining(LOCATION + "R__order views.sql");
	}

	@Test
	void rejectsUndoScriptWithoutItsVersionedScript() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> ScriptCatalog.of(files("V1__init.sql", "U2__more.sql")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining(LOCATION + "U2__more.sql")
			.withMessageContaining("V2__*.sql");
	}

	@Test
	void rejectsInvalidMigrationNameNamingTheFileLocation() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> ScriptCatalog.of(files("V1__init.sql", "V2_more.sql")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS))
			.withMessageContaining(LOCATION + "V2_more.sql")
			.withMessageContaining("'__'");
	}

	@Test
	void reportsEveryProblemInOneMessage() {
		MigrationException ex = catchMigrationException(files("V1__a.sql", "V1.0__b.sql", "R__v.sql", "R__v_.sql",
				"U9__gone.sql", "V2_bad.sql", "Vx__bad_version.sql", "R1__versioned_repeatable.sql", "V3__ok.sql"));
		assertThat(ex.reason()).isEqualTo(MigrationException.Reason.INVALID_SCRIPTS);
		assertThat(ex.getMessage()).contains(LOCATION + "V1__a.sql", LOCATION + "V1.0__b.sql", LOCATION + "R__v.sql",
				LOCATION + "R__v_.sql", LOCATION + "U9__gone.sql", LOCATION + "V2_bad.sql",
				LOCATION + "Vx__bad_version.sql", LOCATION + "R1__versioned_repeatable.sql");
		assertThat(ex.getMessage()).doesNotContain("V3__ok.sql");
		assertThat(ex.getMessage().lines().filter((line) -> line.startsWith("  - "))).hasSize(6);
	}

	@Test
	void reportsTheSameProblemsWhateverOrderTheScannerListsFilesIn() {
		List<ScriptResource> files = files("V1__a.sql", "V1.0__b.sql", "U9__gone.sql", "V2_bad.sql");
		List<ScriptResource> reversed = new ArrayList<>(files);
		Collections.reverse(reversed);
		assertThat(catchMigrationException(reversed).getMessage())
			.isEqualTo(catchMigrationException(files).getMessage());
	}

	@Test
	void namesDuplicateVersionTheSameWayInEveryDefaultLocale() {
		Locale previous = Locale.getDefault();
		String inRoot;
		String inTurkish;
		try {
			Locale.setDefault(Locale.ROOT);
			inRoot = catchMigrationException(files("V1__a.sql", "V1__b.sql")).getMessage();
			Locale.setDefault(Locale.forLanguageTag("tr-TR"));
			inTurkish = catchMigrationException(files("V1__a.sql", "V1__b.sql")).getMessage();
		}
		finally {
			Locale.setDefault(previous);
		}
		assertThat(inRoot).contains("versioned");
		assertThat(inTurkish).isEqualTo(inRoot);
	}

	@Test
	void hasVersionZeroWhenThereAreNoScripts() {
		ScriptCatalog catalog = ScriptCatalog.of(List.of());
		assertThat(catalog.latestVersion()).isEqualTo(Version.ZERO);
		assertThat(catalog.versioned()).isEmpty();
		assertThat(catalog.repeatable()).isEmpty();
		assertThat(catalog.isEmpty()).isTrue();
	}

	@Test
	void hasVersionZeroWhenThereAreOnlyRepeatableScripts() {
		ScriptCatalog catalog = ScriptCatalog.of(files("R__views.sql", "notes.txt"));
		assertThat(catalog.latestVersion()).isEqualTo(Version.ZERO);
		assertThat(catalog.isEmpty()).isFalse();
	}

	@Test
	void scansEveryLocationWithTheScanner() {
		Map<String, List<ScriptResource>> locations = Map.of("classpath:db/migration", files("V1__init.sql"),
				"filesystem:/srv/sql", List.of(TestScript.of("V2__more.sql", "filesystem:/srv/sql/V2__more.sql", "")));
		ScriptCatalog catalog = ScriptCatalog.scan(locations::get,
				List.of("classpath:db/migration", "filesystem:/srv/sql"));
		assertThat(catalog.versioned()).extracting(Script::toString)
			.containsExactly(LOCATION + "V1__init.sql", "filesystem:/srv/sql/V2__more.sql");
	}

	@Test
	void reportsLocationThatCannotBeListedAsConfigurationProblem() {
		ScriptScanner failing = (location) -> {
			throw new IOException("disk on fire");
		};
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> ScriptCatalog.scan(failing, List.of("filesystem:/srv/sql")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.CONFIGURATION))
			.withMessageContaining("filesystem:/srv/sql")
			.withMessageContaining("disk on fire");
	}

	@Test
	void doesNotReadScriptsToBuildTheCatalog() {
		ScriptResource unreadable = TestScript.unreadable("V1__init.sql", LOCATION + "V1__init.sql",
				"should not be read");
		ScriptCatalog catalog = ScriptCatalog.of(List.of(unreadable));
		assertThat(catalog.versioned()).hasSize(1);
	}

	@Test
	void readsFingerprintsAheadOnAThreadOfItsOwnSoThePlanFindsThemRead() throws InterruptedException {
		List<String> openedOn = new CopyOnWriteArrayList<>();
		List<ScriptResource> files = new ArrayList<>();
		for (String name : List.of("V1__a.sql", "V2__b.sql", "R__views.sql")) {
			files.add(new TestScript(name, LOCATION + name, () -> {
				openedOn.add(Thread.currentThread().getName());
				return new ByteArrayInputStream(BYTES);
			}));
		}
		ScriptCatalog catalog = ScriptCatalog.of(files);
		try (ScriptCatalog.Reading ahead = catalog.readFingerprintsAhead()) {
			awaitOpens(openedOn, 3);
		}
		String recorded = ScriptFingerprint.of(BYTES, BYTES.length).toString();
		assertThat(catalog.versioned(Version.parse("1")).hasContent("recorded-checksum", recorded)).isTrue();
		assertThat(catalog.repeatable("views").hasContent("recorded-checksum", recorded)).isTrue();
		assertThat(openedOn).containsExactly("migrator-fingerprints", "migrator-fingerprints", "migrator-fingerprints");
	}

	@Test
	void leavesAScriptThatCannotBeReadAheadToThePlanWhichReportsIt() throws InterruptedException {
		List<String> openedOn = new CopyOnWriteArrayList<>();
		ScriptResource unreadable = new TestScript("V1__a.sql", LOCATION + "V1__a.sql", () -> {
			openedOn.add(Thread.currentThread().getName());
			throw new IOException("permission denied");
		});
		ScriptCatalog catalog = ScriptCatalog.of(List.of(unreadable));
		try (ScriptCatalog.Reading ahead = catalog.readFingerprintsAhead()) {
			awaitOpens(openedOn, 1);
		}
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> catalog.versioned(Version.parse("1")).hasContent("recorded-checksum", "9:abc"))
			.withMessageContaining(LOCATION + "V1__a.sql")
			.withMessageContaining("permission denied");
		assertThat(openedOn).containsExactly("migrator-fingerprints", Thread.currentThread().getName());
	}

	@Test
	void readsNothingAheadWhenTheScannerGaveEveryFingerprint() {
		ScriptFingerprint known = ScriptFingerprint.of(BYTES, BYTES.length);
		ScriptResource inJar = new ScriptResource() {

			@Override
			public String name() {
				return "V1__a.sql";
			}

			@Override
			public String location() {
				return LOCATION + "V1__a.sql";
			}

			@Override
			public InputStream open() throws IOException {
				throw new IOException("a jar's script is not opened to compare it");
			}

			@Override
			public ScriptFingerprint fingerprint() {
				return known;
			}

		};
		ScriptCatalog catalog = ScriptCatalog.of(List.of(inJar));
		assertThat(catalog.versioned(Version.parse("1")).needsFingerprint()).isFalse();
		try (ScriptCatalog.Reading ahead = catalog.readFingerprintsAhead()) {
			assertThat(catalog.versioned(Version.parse("1")).hasContent("recorded-checksum", known.toString()))
				.isTrue();
		}
	}

	private static void awaitOpens(List<String> openedOn, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (openedOn.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		assertThat(openedOn).as("scripts read ahead").hasSize(count);
	}

	private static MigrationException catchMigrationException(List<ScriptResource> files) {
		try {
			ScriptCatalog.of(files);
		}
		catch (MigrationException ex) {
			return ex;
		}
		throw new AssertionError("Expected a MigrationException for " + files);
	}

	private static List<ScriptResource> files(String... names) {
		return Arrays.stream(names)
			.map((name) -> (ScriptResource) TestScript.of(name, LOCATION + name, "SELECT 1;"))
			.toList();
	}

}
