package io.migrator.integration;

import jakarta.persistence.EntityManagerFactory;

import io.migrator.autoconfigure.MigrationGate;
import io.migrator.autoconfigure.MigrationStatus;
import io.migrator.core.testsupport.FreshPostgresDatabase;
import io.migrator.integration.jpa.Book;
import io.migrator.integration.jpa.JpaApplication;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with {@code spring.jpa.hibernate.ddl-auto=validate} starts on an empty
 * database whose tables only the migration creates.
 */
class JpaValidateIntegrationTests {

	@RegisterExtension
	final FreshPostgresDatabase database = new FreshPostgresDatabase();

	@Test
	void hibernateValidatesTheMigratedSchema() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JpaApplication.class)
			.properties("spring.main.web-application-type=none", "spring.datasource.url=" + this.database.url(),
					"spring.datasource.username=" + this.database.username(),
					"spring.datasource.password=" + this.database.password(), "migrator.locations=classpath:db/jpa",
					"spring.jpa.hibernate.ddl-auto=validate")
			.run()) {
			assertThat(context.getBeanFactory().getBeanDefinition("entityManagerFactory").getDependsOn())
				.contains("migratorEarlyInitializer");
			assertThat(context.getBean(MigrationStatus.class).snapshot().state())
				.isEqualTo(MigrationStatus.State.MIGRATED);
			assertThat(context.getBean(MigrationGate.class).isMigrated()).isTrue();
			EntityManager entityManager = context.getBean(EntityManagerFactory.class).createEntityManager();
			try {
				entityManager.getTransaction().begin();
				entityManager.persist(new Book(1L, "Refactoring Databases"));
				entityManager.getTransaction().commit();
				assertThat(entityManager.find(Book.class, 1L).getTitle()).isEqualTo("Refactoring Databases");
			}
			finally {
				entityManager.close();
			}
		}
	}

	@Test
	void withoutTheMigrationHibernateWouldRefuseTheSchema() {
		org.assertj.core.api.Assertions.assertThatException()
			.isThrownBy(() -> new SpringApplicationBuilder(JpaApplication.class)
				.properties("spring.main.web-application-type=none", "spring.datasource.url=" + this.database.url(),
						"spring.datasource.username=" + this.database.username(),
						"spring.datasource.password=" + this.database.password(), "migrator.enabled=false",
						"spring.jpa.hibernate.ddl-auto=validate")
				.run()
				.close())
			.withStackTraceContaining("missing table [book]");
	}

}
