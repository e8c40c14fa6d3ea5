package io.migrator.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The Java migration classes of each location, found when the application is processed
 * ahead of time. A native image cannot scan the class path for classes, so the AOT
 * processor writes this index into the application as {@value #RESOURCE} and the
 * auto-configuration reads it instead of scanning whenever Spring runs on generated
 * artifacts ({@code -Dspring.aot.enabled=true} or a native image).
 *
 * @since 0.3.0
 */
public final class JavaMigrationIndex {

	/**
	 * Where the index is in the application: locations as keys, the class names as a
	 * comma-separated value.
	 */
	public static final String RESOURCE = "META-INF/migrator/java-migrations.properties";

	private final Map<String, List<String>> classNames;

	private JavaMigrationIndex(Map<String, List<String>> classNames) {
		this.classNames = classNames;
	}

	/**
	 * Scan each location for its Java migration classes, as the auto-configuration does
	 * on the JVM.
	 * @param locations the locations, as configured
	 * @param classLoader the application's class loader
	 * @return the index
	 */
	public static JavaMigrationIndex scan(List<String> locations, ClassLoader classLoader) {
		Map<String, List<String>> classNames = new LinkedHashMap<>();
		for (String location : locations) {
			classNames.put(location, JavaMigrationClasses.classNames(location, classLoader));
		}
		return new JavaMigrationIndex(classNames);
	}

	/**
	 * Every class in the index, for the reflection hints that let the bean factory create
	 * them.
	 * @return the class names
	 */
	public List<String> allClassNames() {
		return this.classNames.values().stream().flatMap(List::stream).distinct().toList();
	}

	/**
	 * The index as the content of {@value #RESOURCE}, without the timestamp
	 * {@link Properties#store} writes, so that two builds of the same application write
	 * the same file.
	 * @return the text
	 */
	public String toProperties() {
		Properties properties = new Properties();
		this.classNames.forEach((location, names) -> properties.setProperty(location, String.join(",", names)));
		StringWriter text = new StringWriter();
		try {
			properties.store(text, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString()
			.lines()
			.filter((line) -> !line.startsWith("#"))
			.sorted()
			.collect(Collectors.joining("\n", "", "\n"));
	}

	/**
	 * The classes of a location, {@code null} for a location the build did not see (the
	 * configuration changed since): that one is scanned, which finds nothing in a native
	 * image.
	 */
	@Nullable List<String> classNames(String location) {
		return this.classNames.get(location);
	}

	/**
	 * The index the build wrote into the application, {@code null} when there is none.
	 */
	static @Nullable JavaMigrationIndex load(ClassLoader classLoader) {
		try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				return null;
			}
			Properties properties = new Properties();
			properties.load(in);
			Map<String, List<String>> classNames = new LinkedHashMap<>();
			properties.stringPropertyNames()
				.forEach((location) -> classNames.put(location,
						Arrays.asList(StringUtils.commaDelimitedListToStringArray(properties.getProperty(location)))));
			return new JavaMigrationIndex(classNames);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + RESOURCE, ex);
		}
	}

}
