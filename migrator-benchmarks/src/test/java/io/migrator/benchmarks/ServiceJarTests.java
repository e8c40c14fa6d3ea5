package io.migrator.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The copies of the service jar: one tool's libraries each, the scripts added, nested
 * jars left stored with their CRC.
 */
class ServiceJarTests {

	private static final List<String> LIBRARIES = List.of("migrator-core-0.1.0.jar", "flyway-core-13.12.2.jar",
			"flyway-database-postgresql-13.12.2.jar", "spring-boot-flyway-4.1.1.jar", "liquibase-core-4.33.0.jar",
			"spring-boot-liquibase-4.1.1.jar", "spring-core-7.0.9.jar");

	@Test
	void flywaysCopyKeepsItsOwnAndTheCommonLibrariesAndTheScripts(@TempDir Path dir) throws IOException {
		Workload workload = Workload.generate(dir.resolve("w"), 6);
		Path copy = ServiceJar.write(fakeServiceJar(dir.resolve("service.jar")), BootTool.FLYWAY, workload,
				dir.resolve("flyway.jar"));
		try (ZipFile jar = new ZipFile(copy.toFile())) {
			assertThat(names(jar))
				.contains("BOOT-INF/lib/flyway-core-13.12.2.jar", "BOOT-INF/lib/flyway-database-postgresql-13.12.2.jar",
						"BOOT-INF/lib/spring-boot-flyway-4.1.1.jar", "BOOT-INF/lib/spring-core-7.0.9.jar",
						"BOOT-INF/classes/db/migration/", "BOOT-INF/classes/db/migration/V6__create_table_t1.sql")
				.doesNotContain("BOOT-INF/lib/migrator-core-0.1.0.jar", "BOOT-INF/lib/liquibase-core-4.33.0.jar",
						"BOOT-INF/lib/spring-boot-liquibase-4.1.1.jar", "BOOT-INF/classes/logback.xml",
						"BOOT-INF/classes/" + BootTool.CHANGELOG);
			ZipEntry nested = jar.getEntry("BOOT-INF/lib/spring-core-7.0.9.jar");
			assertThat(nested.getMethod()).isEqualTo(ZipEntry.STORED);
			assertThat(nested.getCrc()).isEqualTo(crc(bytes("spring-core-7.0.9.jar")));
			assertThat(text(jar, "BOOT-INF/classpath.idx")).contains("flyway-core", "spring-core")
				.doesNotContain("liquibase", "migrator");
			assertThat(text(jar, "BOOT-INF/classes/db/migration/V1__create_table_t0.sql"))
				.isEqualTo(Files.readString(workload.sqlDir().resolve("V1__create_table_t0.sql")));
		}
	}

	@Test
	void liquibasesCopyHasAChangelogNamingTheScriptsOnTheClassPath(@TempDir Path dir) throws IOException {
		Workload workload = Workload.generate(dir.resolve("w"), 3);
		Path copy = ServiceJar.write(fakeServiceJar(dir.resolve("service.jar")), BootTool.LIQUIBASE, workload,
				dir.resolve("liquibase.jar"));
		try (ZipFile jar = new ZipFile(copy.toFile())) {
			assertThat(text(jar, "BOOT-INF/classes/" + BootTool.CHANGELOG))
				.contains("path=\"db/migration/V3__seed_t0.sql\" relativeToChangelogFile=\"false\"");
		}
	}

	@Test
	void theCopyWithoutAToolHasNoToolsLibrary(@TempDir Path dir) throws IOException {
		Path copy = ServiceJar.write(fakeServiceJar(dir.resolve("service.jar")), BootTool.NONE,
				Workload.generate(dir.resolve("w"), 1), dir.resolve("none.jar"));
		try (ZipFile jar = new ZipFile(copy.toFile())) {
			assertThat(names(jar).stream().filter((name) -> name.startsWith("BOOT-INF/lib/")))
				.containsExactly("BOOT-INF/lib/spring-core-7.0.9.jar");
		}
	}

	/** A jar laid out as Boot's repackager lays one out, with stored nested jars. */
	private static Path fakeServiceJar(Path file) throws IOException {
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
			out.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
			out.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
			out.putNextEntry(new ZipEntry("BOOT-INF/classes/logback.xml"));
			out.write("<configuration/>".getBytes(StandardCharsets.UTF_8));
			StringBuilder index = new StringBuilder();
			for (String library : LIBRARIES) {
				byte[] bytes = bytes(library);
				ZipEntry entry = new ZipEntry("BOOT-INF/lib/" + library);
				entry.setMethod(ZipEntry.STORED);
				entry.setSize(bytes.length);
				entry.setCompressedSize(bytes.length);
				entry.setCrc(crc(bytes));
				out.putNextEntry(entry);
				out.write(bytes);
				index.append("- \"BOOT-INF/lib/").append(library).append("\"\n");
			}
			out.putNextEntry(new ZipEntry("BOOT-INF/classpath.idx"));
			out.write(index.toString().getBytes(StandardCharsets.UTF_8));
		}
		return file;
	}

	private static byte[] bytes(String library) {
		return ("not really " + library).repeat(50).getBytes(StandardCharsets.UTF_8);
	}

	private static long crc(byte[] bytes) {
		CRC32 crc = new CRC32();
		crc.update(bytes);
		return crc.getValue();
	}

	private static List<String> names(ZipFile jar) {
		return Collections.list(jar.entries()).stream().map(ZipEntry::getName).toList();
	}

	private static String text(ZipFile jar, String name) throws IOException {
		return new String(jar.getInputStream(jar.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
	}

}
