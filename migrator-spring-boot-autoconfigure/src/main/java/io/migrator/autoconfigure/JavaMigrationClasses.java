package io.migrator.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.java.JavaMigration;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;

import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Java migrations found as classes, as Flyway finds them: every concrete class that
 * implements {@link JavaMigration} in the package of a {@code classpath:} location
 * ({@code classpath:db/migration} is package {@code db.migration}) or below it. Each is
 * created by the application's bean factory, so its constructor may take beans. A class
 * that is already a bean is left to the bean. On generated artifacts (Spring AOT, a
 * native image) the classes are those the build found, from the
 * {@link JavaMigrationIndex}.
 */
final class JavaMigrationClasses {

	private JavaMigrationClasses() {
	}

	static List<JavaMigration> find(List<String> locations, ListableBeanFactory beans,
			AutowireCapableBeanFactory factory, ClassLoader classLoader) {
		JavaMigrationIndex index = AotDetector.useGeneratedArtifacts() ? JavaMigrationIndex.load(classLoader) : null;
		return find(locations, index, beans, factory, classLoader);
	}

	/**
	 * The migrations of the locations: the index's classes for a location it has (the
	 * build found them, as a native image cannot scan), the classes a scan finds for the
	 * others.
	 */
	static List<JavaMigration> find(List<String> locations, @Nullable JavaMigrationIndex index,
			ListableBeanFactory beans, AutowireCapableBeanFactory factory, ClassLoader classLoader) {
		List<JavaMigration> migrations = new ArrayList<>();
		for (String location : locations) {
			List<String> indexed = (index != null) ? index.classNames(location) : null;
			for (String className : (indexed != null) ? indexed : classNames(location, classLoader)) {
				Class<?> type = ClassUtils.resolveClassName(className, classLoader);
				if (beans.getBeanNamesForType(type, true, false).length > 0) {
					continue;
				}
				try {
					migrations.add((JavaMigration) factory.createBean(type));
				}
				catch (RuntimeException ex) {
					throw new MigrationException(Reason.INVALID_SCRIPTS, "Cannot create the Java migration "
							+ type.getName() + " found under " + location + ": " + ex.getMessage()
							+ ". Give it a public constructor whose parameters are beans, or declare it as a bean", ex);
				}
			}
		}
		return migrations;
	}

	/**
	 * The names of the concrete {@link JavaMigration} classes a scan finds in the package
	 * of a location, none for a location that names no package.
	 */
	static List<String> classNames(String location, ClassLoader classLoader) {
		String packageName = packageOf(location);
		if (packageName == null) {
			return List.of();
		}
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AssignableTypeFilter(JavaMigration.class));
		scanner.setResourceLoader(new DefaultResourceLoader(classLoader));
		List<String> classNames = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(packageName)) {
			classNames.add(candidate.getBeanClassName());
		}
		return classNames;
	}

	/**
	 * The package a classpath location names, {@code null} for a location that names no
	 * package (a file system folder, or one that depends on the database).
	 */
	private static @Nullable String packageOf(String location) {
		String path = location.startsWith("classpath:") ? location.substring("classpath:".length())
				: (location.contains(":") ? null : location);
		if (path == null || path.contains("{")) {
			return null;
		}
		String packageName = path.replace('/', '.').replaceAll("^\\.+|\\.+$", "");
		boolean javaName = packageName.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
		return javaName ? packageName : null;
	}

}
