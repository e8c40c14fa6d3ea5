package io.migrator.autoconfigure;

import db.javamigrations.V1__CreateNotes;
import io.migrator.core.MigrationState;
import io.migrator.core.Migrator;
import io.migrator.core.Version;
import io.migrator.core.testsupport.H2TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Java migrations found as classes in a {@code classpath:} location's package, created
 * with the application's beans, as Flyway finds them.
 */
class JavaMigrationClassesTests {

	private final H2TestDatabase database = H2TestDatabase.create();

	@AfterEach
	void close() {
		this.database.close();
	}

	@Test
	void aClassInTheLocationsPackageRunsWithItsConstructorsBeans() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigratorAutoConfiguration.class))
			.withBean(javax.sql.DataSource.class, this.database::dataSource)
			.withBean(V1__CreateNotes.NoteTable.class, () -> new V1__CreateNotes.NoteTable("notes"))
			.withPropertyValues("migrator.mode=job", "migrator.locations=classpath:db/javamigrations")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Migrator migrator = context.getBean(Migrator.class);
				assertThat(migrator.migrate().applied()).singleElement()
					.satisfies((applied) -> assertThat(applied.description()).isEqualTo("create notes"));
				assertThat(migrator.info().find(Version.parse("1")).state()).isEqualTo(MigrationState.APPLIED);
				assertThat(this.database.queryForString("SELECT count(*) FROM notes")).isEqualTo("0");
			});
	}

	@Test
	void aFileSystemOrVendorLocationIsNotScanned() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MigratorAutoConfiguration.class))
			.withBean(javax.sql.DataSource.class, this.database::dataSource)
			.withPropertyValues("migrator.mode=job", "migrator.locations=classpath:db/{vendor},classpath:db/h2")
			.run((context) -> assertThat(context.getBean(Migrator.class).config().javaMigrations()).isEmpty());
	}

}
