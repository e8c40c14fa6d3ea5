package io.migrator.autoconfigure.aot;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import db.javamigrations.V1__CreateNotes;
import io.migrator.autoconfigure.JavaMigrationIndex;
import io.migrator.autoconfigure.MigratorProperties;
import io.migrator.core.internal.dialect.Dialect;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.aot.AotServices;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanFactoryInitializationCode;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;
import org.springframework.javapoet.ClassName;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The hints an application processed ahead of time gets for its configured locations:
 * what a native image must hold for migrator to find and run the same migrations as on
 * the JVM.
 */
class MigratorBeanFactoryInitializationAotProcessorTests {

	private final InMemoryGeneratedFiles generatedFiles = new InMemoryGeneratedFiles();

	private final DefaultGenerationContext generationContext = new DefaultGenerationContext(
			new ClassNameGenerator(ClassName.get("com.example", "Application")), this.generatedFiles);

	private RuntimeHints hints(String... properties) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("migratorProperties", new RootBeanDefinition(MigratorProperties.class));
		MockEnvironment environment = new MockEnvironment();
		for (String property : properties) {
			String[] nameAndValue = property.split("=", 2);
			environment.setProperty(nameAndValue[0], nameAndValue[1]);
		}
		beanFactory.registerSingleton("environment", environment);
		BeanFactoryInitializationAotContribution contribution = new MigratorBeanFactoryInitializationAotProcessor()
			.processAheadOfTime(beanFactory);
		assertThat(contribution).isNotNull();
		contribution.applyTo(this.generationContext, mock(BeanFactoryInitializationCode.class));
		return this.generationContext.getRuntimeHints();
	}

	private static boolean readable(RuntimeHints hints, String resource) {
		return RuntimeHintsPredicates.resource().forResource(resource).test(hints);
	}

	@Test
	void theDefaultLocationsScriptsAndItsFolderAreReadable() {
		RuntimeHints hints = hints();
		assertThat(readable(hints, "db/migration/V1__init.sql")).isTrue();
		assertThat(readable(hints, "db/migration/sub/R__view.sql")).isTrue();
		assertThat(readable(hints, "db/migration/beforeMigrate.sql")).isTrue();
		assertThat(readable(hints, "db/migration")).isTrue();
		assertThat(readable(hints, "db/other/V1__init.sql")).isFalse();
	}

	@Test
	void configuredClasspathLocationsReplaceTheDefaultAndFileSystemOnesNeedNothing() {
		RuntimeHints hints = hints("migrator.locations=classpath:/db/custom/,schema/extra,filesystem:/srv/scripts");
		assertThat(readable(hints, "db/custom/V1__init.sql")).isTrue();
		assertThat(readable(hints, "schema/extra/V2__more.sql")).isTrue();
		assertThat(readable(hints, "db/migration/V1__init.sql")).isFalse();
		assertThat(hints.resources().resourcePatternHints().flatMap((patterns) -> patterns.getIncludes().stream()))
			.noneSatisfy((pattern) -> assertThat(pattern.getPattern()).contains("srv"));
	}

	@Test
	void aVendorLocationIsReadableForEveryDatabase() {
		RuntimeHints hints = hints("migrator.locations[0]=classpath:db/vendor/{vendor}");
		for (String vendor : List.of("postgresql", "h2", "mysql", "mariadb")) {
			assertThat(readable(hints, "db/vendor/" + vendor + "/V3__index.sql")).as(vendor).isTrue();
		}
		assertThat(readable(hints, "db/vendor/oracle/V3__index.sql")).isFalse();
	}

	@Test
	void theVendorsAreThoseOfTheEnginesDialects() throws SQLException {
		List<String> vendors = Arrays.asList(vendor("PostgreSQL", "15.4"), vendor("H2", "2.3"),
				vendor("MySQL", "8.4.0"), vendor("MariaDB", "11.4.2-MariaDB"), vendor("MySQL", "5.5.5-10.11-MariaDB"));
		assertThat(ScriptLocationPatterns.VENDORS)
			.containsExactlyInAnyOrderElementsOf(vendors.stream().distinct().toList());
	}

	private static String vendor(String product, String version) throws SQLException {
		Connection connection = mock(Connection.class);
		DatabaseMetaData metaData = mock(DatabaseMetaData.class);
		given(connection.getMetaData()).willReturn(metaData);
		given(metaData.getDatabaseProductName()).willReturn(product);
		given(metaData.getDatabaseProductVersion()).willReturn(version);
		return Dialect.of(connection).vendor();
	}

	@Test
	void aJavaMigrationClassCanBeCreatedAndIsIndexedForTheRuntime() throws IOException {
		RuntimeHints hints = hints("migrator.locations=classpath:db/javamigrations");
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(V1__CreateNotes.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(V1__CreateNotes.NoteTable.class)).rejects(hints);
		assertThat(readable(hints, JavaMigrationIndex.RESOURCE)).isTrue();
		assertThat(generatedIndex()).isEqualTo("classpath\\:db/javamigrations=db.javamigrations.V1__CreateNotes\n");
	}

	@Test
	void aLocationWithoutJavaMigrationsIsIndexedAsHavingNone() throws IOException {
		hints();
		assertThat(generatedIndex()).isEqualTo("classpath\\:db/migration=\n");
	}

	private @Nullable String generatedIndex() throws IOException {
		return this.generatedFiles.getGeneratedFileContent(Kind.RESOURCE, JavaMigrationIndex.RESOURCE);
	}

	@Test
	void withoutTheAutoConfigurationThereIsNoContribution() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("environment", new MockEnvironment());
		assertThat(new MigratorBeanFactoryInitializationAotProcessor().processAheadOfTime(beanFactory)).isNull();
	}

	@Test
	void isRegisteredForSpringAot() {
		assertThat(AotServices.factories().load(BeanFactoryInitializationAotProcessor.class))
			.hasAtLeastOneElementOfType(MigratorBeanFactoryInitializationAotProcessor.class);
	}

	/**
	 * Spring Boot registers the binding hints of a {@code @ConfigurationProperties} bean
	 * itself, so migrator adds none: this checks that its walk reaches every nested group
	 * of {@link MigratorProperties} (a group without a getter would not be).
	 */
	@Test
	void springBootsBindingHintsCoverEveryNestedPropertiesGroup() {
		RuntimeHints hints = new RuntimeHints();
		BindableRuntimeHintsRegistrar.forTypes(MigratorProperties.class).registerHints(hints);
		List<Class<?>> groups = Arrays.stream(MigratorProperties.class.getDeclaredClasses())
			.filter((type) -> !type.isEnum())
			.toList();
		assertThat(groups).hasSizeGreaterThan(5);
		for (Class<?> group : groups) {
			assertThat(RuntimeHintsPredicates.reflection().onType(group)).as(group.getName()).accepts(hints);
		}
	}

}
