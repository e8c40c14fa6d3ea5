package io.migrator.autoconfigure.aot;

import java.util.List;

import io.migrator.autoconfigure.JavaMigrationIndex;
import io.migrator.autoconfigure.MigratorProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Registers, when the application is processed ahead of time, what migrator reads at
 * runtime that a native image holds only when told: the files under every configured
 * {@code classpath:} location, and the Java migration classes in those locations'
 * packages with the index of them that replaces the class path scan. The locations are
 * configuration, so they are read from the build's {@link Environment} (a static
 * {@code RuntimeHintsRegistrar} would only know the default). Nothing is registered when
 * the auto-configuration is not in the application.
 */
final class MigratorBeanFactoryInitializationAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.getBeanNamesForType(MigratorProperties.class, false, false).length == 0) {
			return null;
		}
		Environment environment = beanFactory.getBeanProvider(Environment.class)
			.getIfAvailable(StandardEnvironment::new);
		List<String> locations = Binder.get(environment)
			.bindOrCreate("migrator", MigratorProperties.class)
			.getLocations();
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		JavaMigrationIndex index = JavaMigrationIndex.scan(locations,
				(classLoader != null) ? classLoader : ClassUtils.getDefaultClassLoader());
		return new Contribution(locations, index);
	}

	private record Contribution(List<String> locations,
			JavaMigrationIndex index) implements BeanFactoryInitializationAotContribution {

		@Override
		public void applyTo(GenerationContext generationContext,
				BeanFactoryInitializationCode beanFactoryInitializationCode) {
			RuntimeHints hints = generationContext.getRuntimeHints();
			// The scripts and SQL callbacks, listed and read by
			// SpringResourceScriptScanner.
			this.locations.stream()
				.map(ScriptLocationPatterns::of)
				.flatMap(List::stream)
				.distinct()
				.forEach(hints.resources()::registerPattern);
			// The class path cannot be scanned in a native image: the index says which
			// classes the scan found here, and the bean factory creates each through its
			// constructor, which it finds and calls reflectively.
			generationContext.getGeneratedFiles()
				.addResourceFile(JavaMigrationIndex.RESOURCE, this.index.toProperties());
			hints.resources().registerPattern(JavaMigrationIndex.RESOURCE);
			this.index.allClassNames()
				.forEach((className) -> hints.reflection()
					.registerType(TypeReference.of(className), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS));
		}

	}

}
