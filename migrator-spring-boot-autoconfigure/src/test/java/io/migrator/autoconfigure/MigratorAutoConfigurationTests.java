package io.migrator.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationListener;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.callback.Callback;
import io.migrator.core.lint.LintMode;
import io.migrator.core.resolve.ScriptScanner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.SchemaManagement;
import org.springframework.boot.jdbc.SchemaManagementProvider;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link MigratorAutoConfiguration}.
 */
class MigratorAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MigratorAutoConfiguration.class))
		.withPropertyValues("migrator.locations=classpath:db/h2");

	private final ApplicationContextRunner withApplicationDataSource = this.contextRunner
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
		.withPropertyValues("spring.datasource.url=" + h2Url(), "spring.datasource.username=sa");

	@Test
	void backsOffWithoutDataSourceAndWithoutMigratorUrl() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(Migrator.class);
			assertThat(context).doesNotHaveBean(MigratorInitializer.class);
		});
	}

	@Test
	void backsOffWhenDisabled() {
		this.withApplicationDataSource.withPropertyValues("migrator.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(DataSource.class);
			assertThat(context).doesNotHaveBean(Migrator.class);
			assertThat(context).doesNotHaveBean(MigrationStatus.class);
		});
	}

	@Test
	void backsOffWithoutTheEngine() {
		this.withApplicationDataSource.withClassLoader(new FilteredClassLoader(Migrator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(Migrator.class));
	}

	@Test
	void migratesTheApplicationDataSourceByDefault() {
		this.withApplicationDataSource.run((context) -> {
			assertThat(context).hasSingleBean(Migrator.class);
			assertThat(context).hasSingleBean(MigratorConfig.class);
			assertThat(context).hasSingleBean(MigratorInitializer.class);
			assertThat(context).hasSingleBean(MigrationStatus.class);
			assertThat(context).hasSingleBean(MigrationGate.class);
			assertThat(context).hasSingleBean(SpringResourceScriptScanner.class);
			assertThat(context).doesNotHaveBean(MigratorJobRunner.class);
			Migrator migrator = context.getBean(Migrator.class);
			assertThat(migrator.config().dataSource()).isSameAs(context.getBean(DataSource.class));
			assertThat(migrator.config().scriptScanner()).isSameAs(context.getBean(ScriptScanner.class));
			assertThat(migrator.config().listeners()).contains(context.getBean(MigrationStatus.class));
		});
	}

	@Test
	void initializerIsTheFirstRunner() {
		this.withApplicationDataSource
			.run((context) -> assertThat(context.getBean(MigratorInitializer.class).getOrder())
				.isEqualTo(org.springframework.core.Ordered.HIGHEST_PRECEDENCE));
	}

	@Test
	void userDefinedMigratorWins() {
		this.withApplicationDataSource.withUserConfiguration(UserMigratorConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(Migrator.class);
			assertThat(context.getBean(Migrator.class)).isSameAs(context.getBean("userMigrator"));
			assertThat(context.getBean(MigratorInitializer.class)).isNotNull();
		});
	}

	@Test
	void userDefinedInitializerWins() {
		this.withApplicationDataSource.withUserConfiguration(UserInitializerConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(MigratorInitializer.class);
			assertThat(context.getBean(MigratorInitializer.class)).isSameAs(context.getBean("userInitializer"));
		});
	}

	@Test
	void userDefinedScriptScannerWins() {
		this.withApplicationDataSource.withBean("userScanner", ScriptScanner.class, () -> (location) -> List.of())
			.run((context) -> {
				assertThat(context).doesNotHaveBean(SpringResourceScriptScanner.class);
				assertThat(context.getBean(Migrator.class).config().scriptScanner())
					.isSameAs(context.getBean("userScanner"));
			});
	}

	@Test
	void customizersAreAppliedInOrder() {
		this.withApplicationDataSource.withUserConfiguration(CustomizerConfiguration.class)
			.withPropertyValues("migrator.table=from_properties")
			.run((context) -> {
				assertThat(context.getBean(CustomizerConfiguration.class).calls).containsExactly("first", "second");
				assertThat(context.getBean(MigratorConfig.class).table()).isEqualTo("second_table");
			});
	}

	@Test
	void listenerBeansAreRegisteredWithTheMigrator() {
		MigrationListener listener = new MigrationListener() {
		};
		this.withApplicationDataSource.withBean("userListener", MigrationListener.class, () -> listener)
			.run((context) -> assertThat(context.getBean(Migrator.class).config().listeners()).contains(listener,
					context.getBean(MigrationStatus.class)));
	}

	@Test
	void propertiesAreBoundToTheConfig() {
		this.withApplicationDataSource.withPropertyValues("migrator.locations=classpath:db/one,filesystem:/srv/sql",
				"migrator.table=history", "migrator.schema=app", "migrator.out-of-order=true",
				"migrator.installed-by=deployer", "migrator.statement-timeout=90", "migrator.lock.wait-timeout=2m",
				"migrator.postgresql.lock-timeout=3s", "migrator.postgresql.lock-retries=5", "migrator.lint.mode=fail")
			.run((context) -> {
				MigratorConfig config = context.getBean(MigratorConfig.class);
				assertThat(config.locations()).containsExactly("classpath:db/one", "filesystem:/srv/sql");
				assertThat(config.table()).isEqualTo("history");
				assertThat(config.schema()).isEqualTo("app");
				assertThat(config.outOfOrder()).isTrue();
				assertThat(config.installedBy()).isEqualTo("deployer");
				assertThat(config.statementTimeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(config.lockWaitTimeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(config.lockTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(config.lockRetries()).isEqualTo(5);
				assertThat(config.lintMode()).isEqualTo(LintMode.FAIL);
			});
	}

	@Test
	void flywayPropertiesAreBoundToTheConfig() {
		this.withApplicationDataSource
			.withPropertyValues("migrator.flyway.adopt=true", "migrator.flyway.table=schema_history",
					"migrator.flyway.schema=legacy", "migrator.mode=job", "migrator.command=adopt-flyway")
			.run((context) -> {
				MigratorConfig config = context.getBean(MigratorConfig.class);
				assertThat(config.flywayAdopt()).isTrue();
				assertThat(config.flywayTable()).isEqualTo("schema_history");
				assertThat(config.flywaySchema()).isEqualTo("legacy");
				assertThat(context.getBean(MigratorProperties.class).getCommand())
					.isEqualTo(MigratorProperties.Command.ADOPT_FLYWAY);
				assertThat(context).hasSingleBean(MigratorJobRunner.class);
			});
	}

	@Test
	void callbackBeansAreRegisteredWithTheMigratorInOrder() {
		this.withApplicationDataSource.withUserConfiguration(CallbackConfiguration.class).run((context) -> {
			CallbackConfiguration callbacks = context.getBean(CallbackConfiguration.class);
			assertThat(context.getBean(Migrator.class).config().callbacks()).containsExactly(callbacks.first,
					callbacks.second);
		});
	}

	@Test
	void javaMigrationBeansRunWithTheScriptsThroughAJdbcTemplateOnTheMigrationConnection() {
		this.withApplicationDataSource.withBean(SpringJdbcMigration.class, SeedPeople::new).run((context) -> {
			Migrator migrator = context.getBean(Migrator.class);
			assertThat(migrator.config().javaMigrations()).hasSize(1).first().isInstanceOf(SeedPeople.class);
			assertThat(migrator.migrate().applied()).extracting((applied) -> applied.script())
				.containsExactly("V1__create_person.sql", "V2__add_email.sql", SeedPeople.class.getName());
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
			assertThat(jdbc.queryForObject("SELECT count(*) FROM person", Integer.class)).isEqualTo(1);
			assertThat(migrator.info().find(io.migrator.core.Version.parse("3")).checksum()).isEqualTo("java:3");
		});
	}

	@Test
	void placeholderPropertiesAreBoundToTheConfig() {
		this.withApplicationDataSource
			.withPropertyValues("migrator.placeholders.schema_name=app", "migrator.placeholders.owner=app_owner",
					"migrator.placeholder-replacement=false", "migrator.placeholder-prefix=#[",
					"migrator.placeholder-suffix=]")
			.run((context) -> {
				MigratorConfig config = context.getBean(MigratorConfig.class);
				assertThat(config.placeholders()).containsOnly(Map.entry("schema_name", "app"),
						Map.entry("owner", "app_owner"));
				assertThat(config.placeholderReplacement()).isFalse();
				assertThat(config.placeholderPrefix()).isEqualTo("#[");
				assertThat(config.placeholderSuffix()).isEqualTo("]");
			});
	}

	@Test
	void flywayAdoptionIsOffByDefault() {
		this.withApplicationDataSource.run((context) -> {
			MigratorConfig config = context.getBean(MigratorConfig.class);
			assertThat(config.flywayAdopt()).isFalse();
			assertThat(config.flywayTable()).isEqualTo("flyway_schema_history");
			assertThat(config.flywaySchema()).isNull();
		});
	}

	@Test
	void environmentVariablesBindRelaxed() {
		this.withApplicationDataSource
			.withInitializer(
					(context) -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource("systemEnvironment",
								Map.of("MIGRATOR_LOCK_WAITTIMEOUT", "30s", "MIGRATOR_POSTGRESQL_LOCKRETRIES", "7",
										"MIGRATOR_OUTOFORDER", "true", "MIGRATOR_LINT_MODE", "off"))))
			.run((context) -> {
				MigratorConfig config = context.getBean(MigratorConfig.class);
				assertThat(config.lockWaitTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(config.lockRetries()).isEqualTo(7);
				assertThat(config.outOfOrder()).isTrue();
				assertThat(config.lintMode()).isEqualTo(LintMode.OFF);
			});
	}

	@Test
	void invalidSettingsFailTheStartNamingTheProperty() {
		this.withApplicationDataSource.withPropertyValues("migrator.table=bad-name", "migrator.lock.wait-timeout=-1s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(MigrationException.class)
					.hasMessageContaining("migrator.table")
					.hasMessageContaining("migrator.lock.wait-timeout");
			});
	}

	@Test
	void invalidTargetFailsTheStartNamingTheProperty() {
		this.withApplicationDataSource.withPropertyValues("migrator.target=1.x")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("MigrationException: migrator.target: '1.x' is not a version"));
	}

	@Test
	void migratorUrlCreatesASeparateNonPooledDataSource() {
		String url = h2Url();
		this.withApplicationDataSource
			.withPropertyValues("migrator.datasource.url=" + url, "migrator.datasource.username=owner",
					"migrator.datasource.password=owner-secret")
			.run((context) -> {
				DataSource migration = context.getBean(Migrator.class).config().dataSource();
				assertThat(migration).isNotSameAs(context.getBean(DataSource.class))
					.isInstanceOf(SimpleDriverDataSource.class);
				SimpleDriverDataSource simple = (SimpleDriverDataSource) migration;
				assertThat(simple.getUrl()).isEqualTo(url);
				assertThat(simple.getUsername()).isEqualTo("owner");
				assertThat(simple.getPassword()).isEqualTo("owner-secret");
				assertThat(context.getBeansOfType(DataSource.class)).hasSize(1);
			});
	}

	@Test
	void migratorUrlAloneIsEnoughWithoutAnApplicationDataSource() {
		String url = h2Url();
		this.contextRunner.withPropertyValues("migrator.datasource.url=" + url).run((context) -> {
			assertThat(context).doesNotHaveBean(DataSource.class);
			assertThat(((SimpleDriverDataSource) context.getBean(Migrator.class).config().dataSource()).getUrl())
				.isEqualTo(url);
		});
	}

	@Test
	void usernameAloneReusesTheApplicationUrl() {
		this.withApplicationDataSource
			.withPropertyValues("migrator.datasource.username=owner", "migrator.datasource.password=owner-secret")
			.run((context) -> {
				DataSource application = context.getBean(DataSource.class);
				DataSource migration = context.getBean(Migrator.class).config().dataSource();
				assertThat(migration).isNotSameAs(application).isInstanceOf(SimpleDriverDataSource.class);
				SimpleDriverDataSource simple = (SimpleDriverDataSource) migration;
				assertThat(simple.getUrl()).isEqualTo(context.getEnvironment().getProperty("spring.datasource.url"));
				assertThat(simple.getUsername()).isEqualTo("owner");
				assertThat(simple.getPassword()).isEqualTo("owner-secret");
			});
	}

	@Test
	void theApplicationUrlsOwnCredentialsDoNotOverrideTheMigrationUser() {
		String url = "jdbc:postgresql://db.example:5432/app";
		this.contextRunner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + url + "?user=app_user&password=app-secret&ssl=true",
					"migrator.datasource.username=owner", "migrator.datasource.password=owner-secret")
			.run((context) -> {
				SimpleDriverDataSource simple = (SimpleDriverDataSource) context.getBean(Migrator.class)
					.config()
					.dataSource();
				assertThat(simple.getUrl()).isEqualTo(url + "?ssl=true");
				assertThat(simple.getUsername()).isEqualTo("owner");
				assertThat(simple.getPassword()).isEqualTo("owner-secret");
			});
	}

	@Test
	void aPasswordInTheMigratorUrlIsPassedApartSoThatLoggingTheUrlDoesNotShowIt() {
		this.contextRunner
			.withPropertyValues("migrator.datasource.url=jdbc:postgresql://db.example/app?user=owner&password=p%40ss")
			.run((context) -> {
				SimpleDriverDataSource simple = (SimpleDriverDataSource) context.getBean(Migrator.class)
					.config()
					.dataSource();
				assertThat(simple.getUrl()).isEqualTo("jdbc:postgresql://db.example/app");
				assertThat(simple.getUsername()).isEqualTo("owner");
				assertThat(simple.getPassword()).isEqualTo("p@ss");
			});
	}

	@Test
	void jdbcConnectionDetailsAreHonouredWithoutADataSource() {
		String url = h2Url();
		this.contextRunner.withBean(JdbcConnectionDetails.class, () -> new TestConnectionDetails(url))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(DataSource.class);
				Migrator migrator = context.getBean(Migrator.class);
				SimpleDriverDataSource dataSource = (SimpleDriverDataSource) migrator.config().dataSource();
				assertThat(dataSource.getUrl()).isEqualTo(url);
				assertThat(dataSource.getUsername()).isEqualTo("sa");
				assertThat(migrator.migrate().applied()).hasSize(2);
			});
	}

	@Test
	void usernameAloneUsesTheConnectionDetailsUrlWithoutADataSource() {
		String url = h2Url();
		this.contextRunner.withBean(JdbcConnectionDetails.class, () -> new TestConnectionDetails(url))
			.withPropertyValues("migrator.datasource.username=owner")
			.run((context) -> {
				SimpleDriverDataSource dataSource = (SimpleDriverDataSource) context.getBean(Migrator.class)
					.config()
					.dataSource();
				assertThat(dataSource.getUrl()).isEqualTo(url);
				assertThat(dataSource.getUsername()).isEqualTo("owner");
			});
	}

	@Test
	void migratorReportsTheSchemaAsManagedSoHibernateDoesNotCreateIt() {
		this.withApplicationDataSource.run((context) -> {
			SchemaManagementProvider provider = context.getBean(SchemaManagementProvider.class);
			assertThat(provider.getSchemaManagement(context.getBean(DataSource.class)))
				.isEqualTo(SchemaManagement.MANAGED);
			assertThat(provider.getSchemaManagement(mock(DataSource.class))).isEqualTo(SchemaManagement.UNMANAGED);
		});
	}

	@Test
	void jobModeRunsTheJobInsteadOfTheStartupInitializer() {
		this.withApplicationDataSource.withPropertyValues("migrator.mode=job").run((context) -> {
			assertThat(context).hasSingleBean(MigratorJobRunner.class);
			assertThat(context).doesNotHaveBean(MigratorInitializer.class);
			assertThat(context).hasSingleBean(MigrationGate.class);
		});
	}

	@Test
	void awaitModeUsesTheStartupInitializer() {
		this.withApplicationDataSource.withPropertyValues("migrator.mode=await").run((context) -> {
			assertThat(context).hasSingleBean(MigratorInitializer.class);
			assertThat(context).doesNotHaveBean(MigratorJobRunner.class);
		});
	}

	@Test
	void earlyInitializerIsLazySoThatWithoutJpaItIsNeverCreated() {
		this.withApplicationDataSource.run((context) -> {
			BeanDefinition definition = context.getBeanFactory().getBeanDefinition("migratorEarlyInitializer");
			assertThat(definition.isLazyInit()).isTrue();
			assertThat(context.getBeanFactory().containsSingleton("migratorEarlyInitializer")).isFalse();
		});
	}

	@Test
	void withoutSpringBootJpaThereIsNoEarlyInitializer() {
		this.withApplicationDataSource
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.jpa.autoconfigure"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(MigratorEarlyInitializer.class);
			});
	}

	static String h2Url() {
		return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
	}

	static boolean tableExists(DataSource dataSource, String table) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getTables(null, null, table.toUpperCase(), null).next();
		}
	}

	record TestConnectionDetails(String url) implements JdbcConnectionDetails {

		@Override
		public String getJdbcUrl() {
			return this.url;
		}

		@Override
		public String getUsername() {
			return "sa";
		}

		@Override
		public String getPassword() {
			return "";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMigratorConfiguration {

		@Bean
		Migrator userMigrator(DataSource dataSource) {
			return new Migrator(MigratorConfig.builder().dataSource(dataSource).build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserInitializerConfiguration {

		@Bean
		MigratorInitializer userInitializer(Migrator migrator) {
			return new MigratorInitializer(migrator, MigratorProperties.Mode.MIGRATE, null, Duration.ofSeconds(1),
					new MigrationStatus(null));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		final List<String> calls = new ArrayList<>();

		@Bean
		@Order(2)
		MigratorConfigCustomizer secondCustomizer() {
			return (builder) -> {
				this.calls.add("second");
				builder.table("second_table");
			};
		}

		@Bean
		@Order(1)
		MigratorConfigCustomizer firstCustomizer() {
			return (builder) -> {
				this.calls.add("first");
				builder.table("first_table");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CallbackConfiguration {

		final Callback first = (event, context) -> {
		};

		final Callback second = (event, context) -> {
		};

		@Bean
		@Order(2)
		Callback secondCallback() {
			return this.second;
		}

		@Bean
		@Order(1)
		Callback firstCallback() {
			return this.first;
		}

	}

	static class SeedPeople extends SpringJdbcMigration {

		@Override
		public io.migrator.core.Version version() {
			return io.migrator.core.Version.parse("3");
		}

		@Override
		public String description() {
			return "seed people";
		}

		@Override
		protected void migrate(JdbcTemplate jdbcTemplate) {
			jdbcTemplate.update("INSERT INTO person (id, name, email) VALUES (1, 'Ada', 'ada@example.com')");
		}

	}

}
