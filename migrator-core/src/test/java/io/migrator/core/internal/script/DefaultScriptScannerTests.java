package io.migrator.core.internal.script;

import io.migrator.core.resolve.ScriptResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import io.migrator.core.MigrationException;
import io.migrator.core.testsupport.ConfigMapVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

class DefaultScriptScannerTests {

	@TempDir
	Path temp;

	@Test
	void listsEveryFileInAFilesystemDirectoryAndItsSubdirectories() throws IOException {
		Path dir = this.temp.resolve("sql");
		write(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
		write(dir.resolve("sub/V2__b.sql"), "CREATE TABLE b (id int);");
		write(dir.resolve("sub/deeper/R__c.sql"), "CREATE VIEW c AS SELECT 1;");
		write(dir.resolve("notes.txt"), "not a script");
		List<ScriptResource> found = scanner().scan("filesystem:" + dir);
		assertThat(found).extracting(ScriptResource::name, ScriptResource::location)
			.containsExactlyInAnyOrder(tuple("V1__a.sql", "filesystem:" + dir + "/V1__a.sql"),
					tuple("V2__b.sql", "filesystem:" + dir + "/sub/V2__b.sql"),
					tuple("R__c.sql", "filesystem:" + dir + "/sub/deeper/R__c.sql"),
					tuple("notes.txt", "filesystem:" + dir + "/notes.txt"));
		assertThat(contents(found)).containsEntry("V2__b.sql", "CREATE TABLE b (id int);")
			.containsEntry("R__c.sql", "CREATE VIEW c AS SELECT 1;");
	}

	@Test
	void listsAConfigMapVolumeOnceThroughItsLinksAndSkipsHiddenFiles() throws IOException {
		Path dir = ConfigMapVolume.create(this.temp.resolve("cm"),
				Map.of("V1__a.sql", "CREATE TABLE a (id int);", "V2__b.sql", "CREATE TABLE b (id int);"));
		write(dir.resolve(".V3__swap.sql"), "editor swap file");
		write(dir.resolve("sub/.hidden/V4__d.sql"), "not listed");
		List<ScriptResource> found = scanner().scan("filesystem:" + dir);
		assertThat(found).extracting(ScriptResource::location)
			.containsExactlyInAnyOrder("filesystem:" + dir + "/V1__a.sql", "filesystem:" + dir + "/V2__b.sql");
		assertThat(contents(found)).containsEntry("V2__b.sql", "CREATE TABLE b (id int);");
	}

	@Test
	void listsAFilesystemLocationThatIsALinkToAFolder() throws IOException {
		Path real = this.temp.resolve("release-42/sql");
		write(real.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
		Path current = Files.createSymbolicLink(this.temp.resolve("current"), real);
		assertThat(scanner().scan("filesystem:" + current)).extracting(ScriptResource::location)
			.containsExactly("filesystem:" + current + "/V1__a.sql");
	}

	@Test
	void doesNotEnterAFolderReachedThroughALinkSoALoopCannotTrapTheScan() throws IOException {
		Path dir = this.temp.resolve("sql");
		write(dir.resolve("V1__a.sql"), "CREATE TABLE a (id int);");
		write(this.temp.resolve("elsewhere/V2__b.sql"), "CREATE TABLE b (id int);");
		Files.createSymbolicLink(dir.resolve("loop"), dir);
		Files.createSymbolicLink(dir.resolve("other"), this.temp.resolve("elsewhere"));
		Files.createSymbolicLink(dir.resolve("V3__c.sql"), this.temp.resolve("elsewhere/V2__b.sql"));
		assertThat(scanner().scan("filesystem:" + dir)).extracting(ScriptResource::location)
			.containsExactlyInAnyOrder("filesystem:" + dir + "/V1__a.sql", "filesystem:" + dir + "/V3__c.sql");
	}

	@Test
	void listsFilesystemDirectoryGivenWithATrailingSlash() throws IOException {
		Path dir = this.temp.resolve("sql");
		write(dir.resolve("V1__a.sql"), "SELECT 1;");
		assertThat(scanner().scan("filesystem:" + dir + "/")).extracting(ScriptResource::location)
			.containsExactly("filesystem:" + dir + "/V1__a.sql");
	}

	@Test
	void listsEmptyFilesystemDirectoryAsNoFiles() throws IOException {
		Path dir = Files.createDirectories(this.temp.resolve("empty"));
		assertThat(scanner().scan("filesystem:" + dir)).isEmpty();
	}

	@Test
	void rejectsMissingFilesystemDirectoryNamingTheLocation() {
		String location = "filesystem:" + this.temp.resolve("missing");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> scanner().scan(location))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.CONFIGURATION))
			.withMessageContaining("'" + location + "'")
			.withMessageContaining("migrator.locations");
	}

	@Test
	void rejectsFilesystemLocationThatIsAFile() throws IOException {
		Path file = write(this.temp.resolve("V1__a.sql"), "SELECT 1;");
		String location = "filesystem:" + file;
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> scanner().scan(location))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.CONFIGURATION))
			.withMessageContaining("'" + location + "'");
	}

	@Test
	void listsClasspathLocationInADirectory() throws IOException {
		Path classes = directory(this.temp.resolve("my classes"),
				Map.of("db/migration/V1__a.sql", "CREATE TABLE a (id int);", "db/migration/sub/V2__b.sql",
						"CREATE TABLE b (id int);", "db/other/V9__x.sql", "SELECT 9;"));
		assertListsV1AndV2OfDbMigration(classes);
	}

	@Test
	void listsClasspathLocationWrittenWithoutPrefixOrWithSlashes() throws IOException {
		Path classes = this.temp.resolve("classes");
		write(classes.resolve("db/migration/V1__a.sql"), "SELECT 1;");
		try (URLClassLoader loader = loader(classes)) {
			DefaultScriptScanner scanner = new DefaultScriptScanner(loader);
			for (String location : List.of("db/migration", "classpath:/db/migration/", "/db/migration")) {
				assertThat(scanner.scan(location)).as(location)
					.extracting(ScriptResource::location)
					.containsExactly("classpath:db/migration/V1__a.sql");
			}
		}
	}

	@Test
	void listsMissingClasspathLocationAsNoFiles() throws IOException {
		Path classes = Files.createDirectories(this.temp.resolve("classes"));
		try (URLClassLoader loader = loader(classes)) {
			assertThat(new DefaultScriptScanner(loader).scan("classpath:db/migration")).isEmpty();
		}
	}

	@Test
	void listsClasspathLocationInAJar() throws IOException {
		Path jar = jar(this.temp.resolve("my scripts.jar"), true,
				Map.of("db/migration/V1__a.sql", "CREATE TABLE a (id int);", "db/migration/sub/V2__b.sql",
						"CREATE TABLE b (id int);", "db/migration_old/V9__x.sql", "SELECT 9;", "other/V5__z.sql",
						"SELECT 5;"));
		assertListsV1AndV2OfDbMigration(jar);
	}

	@Test
	void readsJarScriptsAgainAfterListing() throws IOException {
		Path jar = jar(this.temp.resolve("scripts.jar"), true, Map.of("db/migration/V1__a.sql", "SELECT 1;"));
		try (URLClassLoader loader = loader(jar)) {
			List<ScriptResource> found = new DefaultScriptScanner(loader).scan("classpath:db/migration");
			assertThat(contents(found)).containsEntry("V1__a.sql", "SELECT 1;");
			assertThat(contents(found)).containsEntry("V1__a.sql", "SELECT 1;");
			assertThat(ScriptText.checksum(found.get(0))).isEqualTo(ScriptText.checksum(found.get(0)));
		}
	}

	@Test
	void listsClasspathLocationInEveryDirectoryAndJar() throws IOException {
		Path classes = this.temp.resolve("classes");
		write(classes.resolve("db/migration/V1__a.sql"), "SELECT 1;");
		Path jar = jar(this.temp.resolve("scripts.jar"), true, Map.of("db/migration/V2__b.sql", "SELECT 2;"));
		try (URLClassLoader loader = loader(classes, jar)) {
			assertThat(new DefaultScriptScanner(loader).scan("classpath:db/migration"))
				.extracting(ScriptResource::location)
				.containsExactlyInAnyOrder("classpath:db/migration/V1__a.sql", "classpath:db/migration/V2__b.sql");
		}
	}

	/**
	 * {@code classpath:db/migration} on a class path of one root lists the root's
	 * {@code db/migration/V1__a.sql} and {@code db/migration/sub/V2__b.sql}, and nothing
	 * else.
	 */
	private static void assertListsV1AndV2OfDbMigration(Path root) throws IOException {
		try (URLClassLoader loader = loader(root)) {
			List<ScriptResource> found = new DefaultScriptScanner(loader).scan("classpath:db/migration");
			assertThat(found).extracting(ScriptResource::name, ScriptResource::location)
				.containsExactlyInAnyOrder(tuple("V1__a.sql", "classpath:db/migration/V1__a.sql"),
						tuple("V2__b.sql", "classpath:db/migration/sub/V2__b.sql"));
			assertThat(contents(found)).containsEntry("V1__a.sql", "CREATE TABLE a (id int);")
				.containsEntry("V2__b.sql", "CREATE TABLE b (id int);");
		}
	}

	private static DefaultScriptScanner scanner() {
		return new DefaultScriptScanner(DefaultScriptScannerTests.class.getClassLoader());
	}

	private static URLClassLoader loader(Path... roots) throws IOException {
		URL[] urls = new URL[roots.length];
		for (int i = 0; i < roots.length; i++) {
			urls[i] = roots[i].toUri().toURL();
		}
		return new URLClassLoader(urls, null);
	}

	private static Path write(Path file, String content) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content, StandardCharsets.UTF_8);
	}

	/**
	 * A directory of files, as {@link #jar} makes a jar of them.
	 */
	private static Path directory(Path root, Map<String, String> files) throws IOException {
		for (Map.Entry<String, String> entry : files.entrySet()) {
			write(root.resolve(entry.getKey()), entry.getValue());
		}
		return root;
	}

	private static Path jar(Path file, boolean directoryEntries, Map<String, String> files) throws IOException {
		try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
			Set<String> directories = new TreeSet<>();
			for (String name : files.keySet()) {
				for (int slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
					directories.add(name.substring(0, slash + 1));
				}
			}
			if (directoryEntries) {
				for (String directory : directories) {
					jar.putNextEntry(new JarEntry(directory));
					jar.closeEntry();
				}
			}
			for (Map.Entry<String, String> entry : new TreeMap<>(files).entrySet()) {
				jar.putNextEntry(new JarEntry(entry.getKey()));
				jar.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
				jar.closeEntry();
			}
		}
		return file;
	}

	private static Map<String, String> contents(List<ScriptResource> resources) throws IOException {
		Map<String, String> contents = new LinkedHashMap<>();
		for (ScriptResource resource : resources) {
			try (InputStream in = resource.open()) {
				contents.put(resource.name(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return contents;
	}

}
