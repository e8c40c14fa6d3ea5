package io.migrator.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies of the service fat jar, one per tool and workload, as that tool's user would
 * ship the service:
 * <ul>
 * <li>the other tools' libraries are left out of {@code BOOT-INF/lib} and of
 * {@code BOOT-INF/classpath.idx};</li>
 * <li>the workload's scripts are added as
 * {@code BOOT-INF/classes/db/migration/V<i>__*.sql}, the same bytes for every tool, and
 * for Liquibase a changelog under {@code BOOT-INF/classes/db/changelog/} that names
 * them;</li>
 * <li>the module's {@code logback.xml} (the runners' console setup) is left out, so the
 * service logs with Boot's defaults.</li>
 * </ul>
 * Every other entry is copied as it is: the nested jars stay {@code STORED}, with their
 * size and CRC, as Boot's launcher needs them.
 *
 * @since 0.3.0
 */
final class ServiceJar {

	private static final String CLASSES = "BOOT-INF/classes/";

	private static final String LIB = "BOOT-INF/lib/";

	private static final String CLASSPATH_INDEX = "BOOT-INF/classpath.idx";

	/** Where Flyway's and migrator's Boot integrations look by default. */
	static final String SCRIPTS = "db/migration/";

	private ServiceJar() {
	}

	/**
	 * Write a copy of the service jar for one tool and workload.
	 * @param serviceJar the service jar the build made
	 * @param tool the tool the copy is for
	 * @param workload the scripts to add
	 * @param target the copy to write
	 * @return {@code target}
	 */
	static Path write(Path serviceJar, BootTool tool, Workload workload, Path target) {
		try (ZipFile source = new ZipFile(serviceJar.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
			Enumeration<? extends ZipEntry> entries = source.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				String name = entry.getName();
				if (name.equals(CLASSES + "logback.xml")
						|| (name.startsWith(LIB) && tool.excludes(name.substring(LIB.length())))) {
					continue;
				}
				if (name.equals(CLASSPATH_INDEX)) {
					put(out, name, classpathIndex(source, entry, tool));
					continue;
				}
				out.putNextEntry(copyOf(entry));
				try (InputStream in = source.getInputStream(entry)) {
					in.transferTo(out);
				}
				out.closeEntry();
			}
			addScripts(out, tool, workload);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the service jar " + target + " from " + serviceJar, ex);
		}
		return target;
	}

	/**
	 * The entry's metadata for the copy: a stored entry keeps its size and CRC (its bytes
	 * are copied as they are); a deflated one is deflated again, so its compressed size
	 * is left for the stream to work out.
	 */
	private static ZipEntry copyOf(ZipEntry entry) {
		ZipEntry copy = new ZipEntry(entry);
		if (entry.getMethod() != ZipEntry.STORED) {
			copy.setCompressedSize(-1);
		}
		return copy;
	}

	private static byte[] classpathIndex(ZipFile source, ZipEntry entry, BootTool tool) throws IOException {
		String index;
		try (InputStream in = source.getInputStream(entry)) {
			index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		StringBuilder kept = new StringBuilder();
		for (String line : index.split("\n", -1)) {
			int lib = line.indexOf(LIB);
			if (lib >= 0 && tool.excludes(line.substring(lib + LIB.length()).replace("\"", "").trim())) {
				continue;
			}
			kept.append(line).append('\n');
		}
		return kept.substring(0, kept.length() - 1).getBytes(StandardCharsets.UTF_8);
	}

	private static void addScripts(ZipOutputStream out, BootTool tool, Workload workload) throws IOException {
		// Directory entries too: the class loader finds classpath:db/migration through
		// them, as in a jar the build made.
		put(out, CLASSES + "db/", new byte[0]);
		put(out, CLASSES + SCRIPTS, new byte[0]);
		for (int i = 1; i <= workload.n(); i++) {
			String name = Workload.fileName(i);
			put(out, CLASSES + SCRIPTS + name, Files.readAllBytes(workload.sqlDir().resolve(name)));
		}
		if (tool == BootTool.LIQUIBASE) {
			put(out, CLASSES + "db/changelog/", new byte[0]);
			put(out, CLASSES + BootTool.CHANGELOG,
					Workload.changelog(workload.n(), SCRIPTS, false).getBytes(StandardCharsets.UTF_8));
		}
	}

	/** A new entry, stored as the build stores the jar's small files. */
	private static void put(ZipOutputStream out, String name, byte[] bytes) throws IOException {
		ZipEntry entry = new ZipEntry(name);
		entry.setMethod(ZipEntry.STORED);
		entry.setSize(bytes.length);
		entry.setCompressedSize(bytes.length);
		CRC32 crc = new CRC32();
		crc.update(bytes);
		entry.setCrc(crc.getValue());
		out.putNextEntry(entry);
		out.write(bytes);
		out.closeEntry();
	}

}
