package io.migrator.autoconfigure;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;

import io.migrator.core.resolve.ScriptFingerprint;
import io.migrator.core.resolve.ScriptLocations;
import io.migrator.core.resolve.ScriptResource;
import io.migrator.core.resolve.ScriptScanner;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.Assert;
import org.springframework.util.ResourceUtils;
import org.springframework.util.StringUtils;

import static io.migrator.core.resolve.ScriptLocations.CLASSPATH;
import static io.migrator.core.resolve.ScriptLocations.FILESYSTEM;
import static io.migrator.core.resolve.ScriptLocations.trimSlashes;

/**
 * {@link ScriptScanner} on Spring's {@link ResourcePatternResolver}, which lists every
 * jar layout, the nested jars of a Spring Boot executable archive included. A
 * {@code classpath:db/migration} location is listed as {@code classpath*:db/migration/**}
 * (every classpath root), a {@code filesystem:/dir} location as {@code file:/dir/**}.
 *
 * @since 0.1.0
 */
public final class SpringResourceScriptScanner implements ScriptScanner {

	private final ResourcePatternResolver resolver;

	public SpringResourceScriptScanner(ResourcePatternResolver resolver) {
		Assert.notNull(resolver, "'resolver' must not be null");
		this.resolver = resolver;
	}

	@Override
	public List<ScriptResource> scan(String location) throws IOException {
		if (location.startsWith(FILESYSTEM)) {
			return scanDirectory(location);
		}
		String path = trimSlashes(location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location);
		List<String> roots = new ArrayList<>();
		for (Resource root : this.resolver.getResources("classpath*:" + path + "/")) {
			roots.add(root.getURL().toString());
		}
		return collect(this.resolver.getResources("classpath*:" + path + "/**/*"), roots, CLASSPATH + path + "/");
	}

	private List<ScriptResource> scanDirectory(String location) throws IOException {
		File dir = new File(location.substring(FILESYSTEM.length()));
		if (!dir.isDirectory()) {
			throw ScriptLocations.notADirectory(location);
		}
		// Listed where it points when the folder is a link; named as configured.
		Path real = dir.toPath().toRealPath();
		String realPath = real.toString().replace('\\', '/');
		return collect(this.resolver.getResources("file:" + realPath + "/**/*"),
				List.of(real.toFile().toURI().toString()), FILESYSTEM + dir.getAbsolutePath().replace('\\', '/') + "/");
	}

	private static List<ScriptResource> collect(Resource[] resources, List<String> roots, String prefix)
			throws IOException {
		List<ScriptResource> found = new ArrayList<>(resources.length);
		for (Resource resource : resources) {
			URL url = resource.getURL();
			String text = url.toString();
			if (text.endsWith("/")) {
				// Directories: only the files in them are candidate scripts.
				continue;
			}
			JarEntry entry = jarEntry(url);
			if ((entry != null) ? entry.isDirectory() : !resource.isReadable()) {
				continue;
			}
			String path = relativePath(text, roots, resource);
			if (!ScriptLocations.isHidden(path)) {
				// Named once here: the catalog asks a script's name several times, and a
				// resource works its file name out of its URL at every call.
				found.add(new SpringScriptResource(resource, path.substring(path.lastIndexOf('/') + 1), prefix + path,
						(entry != null) ? ScriptFingerprint.of(entry) : null));
			}
		}
		return found;
	}

	/**
	 * The entry of a resource in a jar, which is what {@link Resource#isReadable()} looks
	 * at for one, and which also holds the entry's size and CRC-32: with them an
	 * unchanged script is never read.
	 */
	private static @Nullable JarEntry jarEntry(URL url) throws IOException {
		if (!ResourceUtils.isJarURL(url)) {
			return null;
		}
		URLConnection connection = url.openConnection();
		ResourceUtils.useCachesIfNecessary(connection);
		return (connection instanceof JarURLConnection jar) ? jar.getJarEntry() : null;
	}

	private static String relativePath(String url, List<String> roots, Resource resource) {
		for (String root : roots) {
			String base = root.endsWith("/") ? root : root + "/";
			if (url.startsWith(base)) {
				return StringUtils.uriDecode(url.substring(base.length()), StandardCharsets.UTF_8);
			}
		}
		// Only used in messages, so a root that the URL does not start with costs
		// precision, not correctness.
		String name = resource.getFilename();
		return (name != null) ? name : url;
	}

	private record SpringScriptResource(Resource resource, String name, String location,
			@Nullable ScriptFingerprint fingerprint) implements ScriptResource {

		@Override
		public InputStream open() throws IOException {
			return this.resource.getInputStream();
		}

	}

}
