package io.migrator.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import db.javamigrations.V1__CreateNotes;
import io.migrator.core.java.JavaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index of Java migration classes the AOT build writes, and how the runtime uses it
 * in place of the class path scan that a native image cannot do.
 */
class JavaMigrationIndexTests {

	@TempDir
	Path root;

	private JavaMigrationIndex load(String content) throws IOException {
		Path file = this.root.resolve(JavaMigrationIndex.RESOURCE);
		Files.createDirectories(file.getParent());
		Files.writeString(file, content);
		try (URLClassLoader loader = new URLClassLoader(new URL[] { this.root.toUri().toURL() }, null)) {
			return JavaMigrationIndex.load(loader);
		}
	}

	private static List<JavaMigration> find(String location, JavaMigrationIndex index) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("noteTable", new V1__CreateNotes.NoteTable("notes"));
		return JavaMigrationClasses.find(List.of(location), index, beanFactory, beanFactory,
				JavaMigrationIndexTests.class.getClassLoader());
	}

	@Test
	void whatTheBuildWritesTheRuntimeReads() throws IOException {
		JavaMigrationIndex scanned = JavaMigrationIndex.scan(
				List.of("classpath:db/javamigrations", "classpath:db/h2", "filesystem:/srv"),
				getClass().getClassLoader());
		JavaMigrationIndex loaded = load(scanned.toProperties());
		assertThat(loaded.classNames("classpath:db/javamigrations")).containsExactly(V1__CreateNotes.class.getName());
		assertThat(loaded.classNames("classpath:db/h2")).isEmpty();
		assertThat(loaded.classNames("filesystem:/srv")).isEmpty();
		assertThat(loaded.classNames("classpath:db/elsewhere")).isNull();
	}

	@Test
	void anIndexedLocationsClassesAreTheIndexsNotTheScans() throws IOException {
		JavaMigrationIndex index = load(
				"classpath\\:db/h2=db.javamigrations.V1__CreateNotes\n" + "classpath\\:db/javamigrations=\n");
		assertThat(find("classpath:db/h2", index)).singleElement().isInstanceOf(V1__CreateNotes.class);
		assertThat(find("classpath:db/javamigrations", index)).isEmpty();
	}

	@Test
	void aLocationTheBuildDidNotSeeIsScanned() throws IOException {
		JavaMigrationIndex index = load("classpath\\:db/h2=\n");
		assertThat(find("classpath:db/javamigrations", index)).singleElement().isInstanceOf(V1__CreateNotes.class);
	}

	@Test
	void anApplicationWithoutAnIndexHasNone() throws IOException {
		try (URLClassLoader loader = new URLClassLoader(new URL[] { this.root.toUri().toURL() }, null)) {
			assertThat(JavaMigrationIndex.load(loader)).isNull();
		}
	}

}
