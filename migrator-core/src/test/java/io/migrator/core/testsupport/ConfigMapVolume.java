package io.migrator.core.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A folder laid out as Kubernetes mounts a ConfigMap: the files in a hidden
 * {@code ..<timestamp>} folder, a {@code ..data} link to it, and one link per file beside
 * them.
 */
public final class ConfigMapVolume {

	private ConfigMapVolume() {
	}

	/**
	 * Create the volume.
	 * @param dir the folder to mount at (created)
	 * @param files file name to content
	 * @return the folder
	 * @throws IOException if it cannot be written
	 */
	public static Path create(Path dir, Map<String, String> files) throws IOException {
		Path version = Files.createDirectories(dir.resolve("..2026_11_21_08_00_00.000000001"));
		for (Map.Entry<String, String> file : files.entrySet()) {
			Files.writeString(version.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
		}
		Files.createSymbolicLink(dir.resolve("..data"), version.getFileName());
		for (String name : files.keySet()) {
			Files.createSymbolicLink(dir.resolve(name), Path.of("..data", name));
		}
		return dir;
	}

}
