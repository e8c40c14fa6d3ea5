package io.migrator.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import io.migrator.core.MigrationException;
import io.migrator.core.internal.script.ScriptCatalog;
import io.migrator.core.resolve.ScriptFingerprint;
import io.migrator.core.resolve.ScriptResource;
import io.migrator.core.testsupport.ConfigMapVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SpringResourceScriptScanner}.
 */
class SpringResourceScriptScannerTests {

	private final SpringResourceScriptScanner scanner = new SpringResourceScriptScanner(
			new PathMatchingResourcePatternResolver());

	@TempDir
	Path temp;

	@Test
	void listsClasspathDirectoriesWithSubdirectoriesAndEmptyFiles() throws IOException {
		List<ScriptResource> found = this.scanner.scan("classpath:db/nested");
		assertThat(found).extracting(ScriptResource::name)
			.containsExactlyInAnyOrder("V1__top.sql", "V2__nested.sql", "V3__empty.sql", "readme.txt");
		assertThat(found).extracting(ScriptResource::location)
			.contains("classpath:db/nested/V1__top.sql", "classpath:db/nested/sub/V2__nested.sql");
		ScriptResource nested = found.stream().filter((r) -> r.name().equals("V2__nested.sql")).findFirst().get();
		try (InputStream in = nested.open()) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).contains("nested_one");
		}
		assertThat(ScriptCatalog.of(found).versioned()).hasSize(3);
	}

	@Test
	void classpathLocationWithoutPrefixOrWithSlashesIsTheSame() throws IOException {
		assertThat(this.scanner.scan("db/nested/")).hasSize(4);
		assertThat(this.scanner.scan("classpath:/db/nested")).hasSize(4);
	}

	@Test
	void missingClasspathLocationIsEmpty() throws IOException {
		assertThat(this.scanner.scan("classpath:db/none")).isEmpty();
	}

	@Test
	void listsScriptsInsideJars() throws IOException {
		Path jar = this.temp.resolve("scripts.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new JarEntry("db/jarred/"));
			out.putNextEntry(new JarEntry("db/jarred/V1__in_jar.sql"));
			out.write("CREATE TABLE in_jar (id INT);".getBytes(StandardCharsets.UTF_8));
			out.putNextEntry(new JarEntry("db/jarred/sub/"));
			out.putNextEntry(new JarEntry("db/jarred/sub/V2__empty.sql"));
			out.putNextEntry(new JarEntry("db/other/V9__elsewhere.sql"));
			out.write("SELECT 1;".getBytes(StandardCharsets.UTF_8));
		}
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
			SpringResourceScriptScanner jarScanner = new SpringResourceScriptScanner(
					new PathMatchingResourcePatternResolver(loader));
			List<ScriptResource> found = jarScanner.scan("classpath:db/jarred");
			assertThat(found).extracting(ScriptResource::location)
				.containsExactlyInAnyOrder("classpath:db/jarred/V1__in_jar.sql",
						"classpath:db/jarred/sub/V2__empty.sql");
			ScriptResource first = found.stream().filter((r) -> r.name().startsWith("V1")).findFirst().get();
			try (InputStream in = first.open()) {
				byte[] bytes = in.readAllBytes();
				assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("in_jar");
				assertThat(first.fingerprint()).as("from the jar's directory")
					.isEqualTo(ScriptFingerprint.of(bytes, bytes.length));
			}
		}
	}

	@Test
	void filesInAFolderHaveNoFingerprintUntilTheyAreRead() throws IOException {
		Path dir = Files.createDirectories(this.temp.resolve("plain"));
		Files.writeString(dir.resolve("V1__plain.sql"), "CREATE TABLE plain (id INT);");
		assertThat(this.scanner.scan("filesystem:" + dir)).singleElement()
			.satisfies((script) -> assertThat(script.fingerprint()).isNull());
	}

	@Test
	void listsFilesystemDirectories() throws IOException {
		Path dir = Files.createDirectories(this.temp.resolve("sql dir/sub"));
		Files.writeString(dir.resolve("V2__deep.sql"), "SELECT 2;");
		Files.writeString(this.temp.resolve("sql dir/V1__top.sql"), "SELECT 1;");
		Files.createFile(this.temp.resolve("sql dir/V3__empty.sql"));
		String root = this.temp.resolve("sql dir").toAbsolutePath().toString().replace('\\', '/');
		List<ScriptResource> found = this.scanner.scan("filesystem:" + root);
		assertThat(found).extracting(ScriptResource::location)
			.containsExactlyInAnyOrder("filesystem:" + root + "/V1__top.sql",
					"filesystem:" + root + "/sub/V2__deep.sql", "filesystem:" + root + "/V3__empty.sql");
	}

	@Test
	void listsAConfigMapVolumeOnceThroughItsLinksAndSkipsHiddenFiles() throws IOException {
		Path dir = ConfigMapVolume.create(this.temp.resolve("cm"),
				Map.of("V1__a.sql", "SELECT 1;", "V2__b.sql", "SELECT 2;"));
		Files.writeString(dir.resolve(".V3__swap.sql"), "editor swap file");
		String root = dir.toAbsolutePath().toString().replace('\\', '/');
		List<ScriptResource> found = this.scanner.scan("filesystem:" + root);
		assertThat(found).extracting(ScriptResource::location)
			.containsExactlyInAnyOrder("filesystem:" + root + "/V1__a.sql", "filesystem:" + root + "/V2__b.sql");
		assertThat(ScriptCatalog.scan(this.scanner, List.of("filesystem:" + root)).versioned()).hasSize(2);
	}

	@Test
	void listsAFilesystemLocationThatIsALinkToAFolder() throws IOException {
		Path real = Files.createDirectories(this.temp.resolve("release-42/sql"));
		Files.writeString(real.resolve("V1__a.sql"), "SELECT 1;");
		Path current = Files.createSymbolicLink(this.temp.resolve("current"), real);
		String root = current.toAbsolutePath().toString().replace('\\', '/');
		assertThat(this.scanner.scan("filesystem:" + root)).extracting(ScriptResource::location)
			.containsExactly("filesystem:" + root + "/V1__a.sql");
	}

	@Test
	void missingFilesystemDirectoryIsAConfigurationError() {
		assertThatExceptionOfType(MigrationException.class)
			.isThrownBy(() -> this.scanner.scan("filesystem:" + this.temp.resolve("missing")))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.CONFIGURATION))
			.withMessageContaining("filesystem:" + this.temp.resolve("missing"))
			.withMessageContaining("migrator.locations");
	}

}
