package io.migrator.core.internal.script;

import io.migrator.core.resolve.ScriptFingerprint;
import io.migrator.core.resolve.ScriptLocations;
import io.migrator.core.resolve.ScriptScanner;
import io.migrator.core.resolve.ScriptResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import org.jspecify.annotations.Nullable;

import static io.migrator.core.resolve.ScriptLocations.CLASSPATH;
import static io.migrator.core.resolve.ScriptLocations.FILESYSTEM;
import static io.migrator.core.resolve.ScriptLocations.trimSlashes;

/**
 * Lists {@code classpath:} locations in directories and plain jars, and
 * {@code filesystem:} folders, with the JDK alone. It finds a classpath location through
 * {@link ClassLoader#getResources(String)}, so a jar must contain directory entries
 * (every jar Maven and Gradle build does). Nested jars of executable archives, and jars
 * without directory entries, need the Spring Boot integration's scanner.
 */
public final class DefaultScriptScanner implements ScriptScanner {

	private final ClassLoader classLoader;

	public DefaultScriptScanner(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public List<ScriptResource> scan(String location) throws IOException {
		if (location.startsWith(FILESYSTEM)) {
			Path dir = Path.of(location.substring(FILESYSTEM.length()));
			if (!Files.isDirectory(dir)) {
				throw ScriptLocations.notADirectory(location);
			}
			return scanDirectory(dir, FILESYSTEM + dir);
		}
		String path = trimSlashes(location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location);
		List<ScriptResource> found = new ArrayList<>();
		Enumeration<URL> roots = this.classLoader.getResources(path);
		while (roots.hasMoreElements()) {
			URL root = roots.nextElement();
			if ("file".equals(root.getProtocol())) {
				found.addAll(scanDirectory(toPath(root), CLASSPATH + path));
			}
			else if ("jar".equals(root.getProtocol())) {
				found.addAll(scanJar(root, path));
			}
			else {
				throw new MigrationException(Reason.CONFIGURATION,
						"Cannot list classpath location '" + location + "' at " + root
								+ ": only directories and plain jars are supported here;"
								+ " use the Spring Boot starter (it lists executable jars) or a filesystem: location");
			}
		}
		return found;
	}

	private static Path toPath(URL url) throws IOException {
		try {
			return Path.of(url.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IOException("Invalid classpath URL " + url, ex);
		}
	}

	private static List<ScriptResource> scanDirectory(Path location, String prefix) throws IOException {
		// A walk does not enter a start folder that is a link: start from where it
		// points.
		Path dir = location.toRealPath();
		// The walk's own attributes answer "regular file" without a second stat per file;
		// only a
		// symbolic link (a Kubernetes ConfigMap mounts each file as one) is followed to
		// check.
		try (Stream<Path> files = Files.find(dir, Integer.MAX_VALUE, (file, attributes) -> attributes.isRegularFile()
				|| (attributes.isSymbolicLink() && Files.isRegularFile(file)))) {
			return files.filter((file) -> !ScriptLocations.isHidden(dir.relativize(file).toString()))
				.map((file) -> (ScriptResource) new FileResource(file,
						prefix + "/" + dir.relativize(file).toString().replace('\\', '/')))
				.toList();
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	private static List<ScriptResource> scanJar(URL root, String path) throws IOException {
		URLConnection connection = root.openConnection();
		if (!(connection instanceof JarURLConnection jarConnection)) {
			return List.of();
		}
		jarConnection.setUseCaches(false);
		URL jarUrl = jarConnection.getJarFileURL();
		List<ScriptResource> found = new ArrayList<>();
		try (JarFile jar = jarConnection.getJarFile()) {
			String prefix = path + "/";
			for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
				JarEntry entry = entries.nextElement();
				if (!entry.isDirectory() && entry.getName().startsWith(prefix)
						&& !ScriptLocations.isHidden(entry.getName().substring(prefix.length()))) {
					found.add(new JarEntryResource(jarUrl, entry.getName(), ScriptFingerprint.of(entry)));
				}
			}
		}
		return found;
	}

	private record FileResource(Path file, String location) implements ScriptResource {

		@Override
		public String name() {
			return this.file.getFileName().toString();
		}

		@Override
		public InputStream open() throws IOException {
			return Files.newInputStream(this.file);
		}

	}

	private record JarEntryResource(URL jar, String entry,
			@Nullable ScriptFingerprint fingerprint) implements ScriptResource {

		@Override
		public String name() {
			return this.entry.substring(this.entry.lastIndexOf('/') + 1);
		}

		@Override
		public String location() {
			return CLASSPATH + this.entry;
		}

		@Override
		public InputStream open() throws IOException {
			URLConnection connection = new URL("jar:" + this.jar + "!/" + this.entry).openConnection();
			connection.setUseCaches(false);
			return connection.getInputStream();
		}

	}

}
