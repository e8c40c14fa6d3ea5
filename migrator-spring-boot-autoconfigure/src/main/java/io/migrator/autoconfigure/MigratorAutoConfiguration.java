package io.migrator.autoconfigure;

import javax.sql.DataSource;

import io.migrator.autoconfigure.MigratorProperties.Mode;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationListener;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.Version;
import io.migrator.core.callback.Callback;
import io.migrator.core.java.JavaMigration;
import io.migrator.core.resolve.ScriptScanner;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration for migrator: a {@link Migrator} on the application's database (or
 * on the {@code migrator.datasource.*} credentials) that brings the schema to the version
 * the application needs at startup, waits for it, or runs as a job, depending on
 * {@code migrator.mode}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnClass(Migrator.class)
@Conditional(MigratorAutoConfiguration.MigratorDataSourceCondition.class)
@ConditionalOnBooleanProperty(name = "migrator.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MigratorProperties.class)
public final class MigratorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ScriptScanner.class)
	SpringResourceScriptScanner migratorScriptScanner(ResourcePatternResolver resourcePatternResolver) {
		return new SpringResourceScriptScanner(resourcePatternResolver);
	}

	@Bean
	@ConditionalOnMissingBean
	MigratorConfig migratorConfig(MigratorProperties properties, ObjectProvider<DataSource> dataSource,
			ObjectProvider<JdbcConnectionDetails> connectionDetails, ScriptScanner scriptScanner,
			ObjectProvider<MigratorConfigCustomizer> customizers) {
		return MigrationStartupException.reporting(() -> migratorConfig(properties, dataSource.getIfUnique(),
				connectionDetails.getIfAvailable(), scriptScanner, customizers));
	}

	private static MigratorConfig migratorConfig(MigratorProperties properties, @Nullable DataSource dataSource,
			@Nullable JdbcConnectionDetails connectionDetails, ScriptScanner scriptScanner,
			ObjectProvider<MigratorConfigCustomizer> customizers) {
		MigratorConfig.Builder builder = MigratorConfig.builder()
			.dataSource(MigrationDataSources.resolve(properties.getDatasource(), dataSource, connectionDetails))
			.scriptScanner(scriptScanner)
			.locations(properties.getLocations())
			.table(properties.getTable())
			.schema(properties.getSchema())
			.outOfOrder(properties.isOutOfOrder())
			.lintMode(properties.getLint().getMode())
			.installedBy(properties.getInstalledBy())
			.statementTimeout(properties.getStatementTimeout())
			.connectTimeout(properties.getConnectTimeout())
			.lockWaitTimeout(properties.getLock().getWaitTimeout())
			.lockTimeout(properties.getPostgresql().getLockTimeout())
			.lockRetries(properties.getPostgresql().getLockRetries())
			.flywayAdopt(properties.getFlyway().isAdopt())
			.flywayTable(properties.getFlyway().getTable())
			.flywaySchema(properties.getFlyway().getSchema())
			.placeholders(properties.getPlaceholders())
			.placeholderReplacement(properties.isPlaceholderReplacement())
			.placeholderPrefix(properties.getPlaceholderPrefix())
			.placeholderSuffix(properties.getPlaceholderSuffix());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/**
	 * The migrator reports to every {@link MigrationListener} bean (health, metrics and
	 * the application's own), runs every {@link Callback} bean at the events it supports,
	 * in order, and every {@link JavaMigration} bean with the scripts, whichever
	 * {@link MigratorConfig} it is built from, and every class that implements it in the
	 * package of a {@code classpath:} location, as Flyway finds them.
	 */
	@Bean
	@ConditionalOnMissingBean
	Migrator migrator(MigratorConfig migratorConfig, ObjectProvider<MigrationListener> listeners,
			ObjectProvider<Callback> callbacks, ObjectProvider<JavaMigration> javaMigrations,
			ConfigurableListableBeanFactory beanFactory) {
		MigratorConfig.Builder builder = migratorConfig.toBuilder();
		listeners.orderedStream().forEach(builder::listener);
		callbacks.orderedStream().forEach(builder::callback);
		javaMigrations.orderedStream().forEach(builder::javaMigration);
		JavaMigrationClasses
			.find(migratorConfig.locations(), beanFactory, beanFactory, beanFactory.getBeanClassLoader())
			.forEach(builder::javaMigration);
		return new Migrator(builder.build());
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationStatus migrationStatus(MigratorProperties properties) {
		return new MigrationStatus(target(properties));
	}

	@Bean
	@ConditionalOnMissingBean
	MigrationGate migrationGate() {
		return new MigrationGate();
	}

	@Bean
	MigrationExitCodeExceptionMapper migrationExitCodeExceptionMapper() {
		return new MigrationExitCodeExceptionMapper();
	}

	@Bean
	MigratorSchemaManagementProvider migratorSchemaManagementProvider(ObjectProvider<Migrator> migrators) {
		return new MigratorSchemaManagementProvider(migrators);
	}

	static @Nullable Version target(MigratorProperties properties) {
		return MigrationStartupException.reporting(() -> parseTarget(properties));
	}

	private static @Nullable Version parseTarget(MigratorProperties properties) {
		String target = properties.getTarget();
		if (!StringUtils.hasText(target)) {
			return null;
		}
		try {
			return Version.parse(target.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new MigrationException(Reason.CONFIGURATION, "migrator.target: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Modes {@code migrate} and {@code await}: the work happens at startup.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(NotJobModeCondition.class)
	static class StartupConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigratorInitializer migratorInitializer(Migrator migrator, MigratorProperties properties,
				MigrationStatus migrationStatus) {
			return new MigratorInitializer(migrator, properties.getMode(), target(properties),
					properties.getAwait().getTimeout(), migrationStatus);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(DataSource.class)
		@Conditional(SeparateCredentialsCondition.class)
		SchemaPrivilegeCheck migratorSchemaPrivilegeCheck(DataSource dataSource, MigrationStatus migrationStatus) {
			return new SchemaPrivilegeCheck(dataSource, migrationStatus);
		}

		/**
		 * JPA checks the schema while the context is refreshed, before the runner: every
		 * {@code EntityManagerFactory} depends on the early initializer, which is lazy so
		 * that without JPA it is never created.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(
				name = "org.springframework.boot.jpa.autoconfigure.EntityManagerFactoryDependsOnPostProcessor")
		static class EntityManagerFactoryConfiguration {

			@Bean
			@Lazy
			MigratorEarlyInitializer migratorEarlyInitializer(MigratorInitializer migratorInitializer) {
				return new MigratorEarlyInitializer(migratorInitializer);
			}

			@Bean
			static EntityManagerFactoryDependsOnPostProcessor migratorEntityManagerFactoryDependsOnPostProcessor() {
				return new EntityManagerFactoryDependsOnPostProcessor("migratorEarlyInitializer");
			}

		}

	}

	/**
	 * Mode {@code job}: run one command and exit.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "migrator.mode", havingValue = "job")
	static class JobConfiguration {

		@Bean
		@ConditionalOnMissingBean
		MigratorJobRunner migratorJobRunner(Migrator migrator, MigratorProperties properties) {
			Version target = target(properties);
			return new MigratorJobRunner(migrator, properties.getCommand(), target, properties.isDryRun(),
					properties.getLint().isAll(), properties.getLint().getFormat())
				.rehearsal(() -> RehearsalServer.settings(properties.getRehearsal(), migrator.config().dataSource(),
						target), properties.getRehearsal().getFormat());
		}

	}

	static final class SeparateCredentialsCondition extends AnyNestedCondition {

		SeparateCredentialsCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "migrator.datasource.url")
		private static final class Url {

		}

		@ConditionalOnProperty(name = "migrator.datasource.username")
		private static final class Username {

		}

		@ConditionalOnProperty(name = "migrator.datasource.password")
		private static final class Password {

		}

	}

	static final class NotJobModeCondition extends NoneNestedConditions {

		NotJobModeCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnProperty(name = "migrator.mode", havingValue = "job")
		private static final class JobMode {

		}

	}

	static final class MigratorDataSourceCondition extends AnyNestedCondition {

		MigratorDataSourceCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(DataSource.class)
		private static final class DataSourceBeanCondition {

		}

		@ConditionalOnBean(JdbcConnectionDetails.class)
		private static final class JdbcConnectionDetailsCondition {

		}

		@ConditionalOnProperty("migrator.datasource.url")
		private static final class MigratorUrlCondition {

		}

	}

	/**
	 * Tells Spring Boot's JPA support that the migrator manages the schema of its
	 * database, so Hibernate does not create tables there by default, even on an embedded
	 * database.
	 */
	static final class MigratorSchemaManagementProvider implements SchemaManagementProvider {

		private final ObjectProvider<Migrator> migrators;

		MigratorSchemaManagementProvider(ObjectProvider<Migrator> migrators) {
			this.migrators = migrators;
		}

		@Override
		public SchemaManagement getSchemaManagement(DataSource dataSource) {
			return this.migrators.stream()
				.map((migrator) -> migrator.config().dataSource())
				.filter(dataSource::equals)
				.findFirst()
				.map((managed) -> SchemaManagement.MANAGED)
				.orElse(SchemaManagement.UNMANAGED);
		}

	}

}
