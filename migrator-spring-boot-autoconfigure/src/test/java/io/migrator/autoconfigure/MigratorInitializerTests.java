package io.migrator.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.migrator.autoconfigure.MigratorProperties.Mode;
import io.migrator.core.MigrationException;
import io.migrator.core.Migrator;
import io.migrator.core.MigratorConfig;
import io.migrator.core.Version;
import io.migrator.core.testsupport.H2TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link MigratorInitializer}, {@link MigrationGate} and await mode.
 */
class MigratorInitializerTests {

	private final H2TestDatabase database = H2TestDatabase.create();

	private final MigrationStatus status = new MigrationStatus(null);

	private final List<Object> events = new ArrayList<>();

	@AfterEach
	void close() {
		this.database.close();
	}

	@Test
	void migrateModeMigratesAndPublishesTheEventOnce() throws Exception {
		MigratorInitializer initializer = initializer(Mode.MIGRATE, "classpath:db/h2", Duration.ofSeconds(1));
		initializer.run(new DefaultApplicationArguments());
		initializer.run(new DefaultApplicationArguments());
		assertThat(MigratorAutoConfigurationTests.tableExists(this.database.dataSource(), "person")).isTrue();
		assertThat(this.events).singleElement().isInstanceOfSatisfying(SchemaMigratedEvent.class, (event) -> {
			assertThat(event.getSchemaVersion()).isEqualTo(Version.parse("2"));
			assertThat(event.getResult()).isNotNull();
			assertThat(event.getResult().applied()).hasSize(2);
		});
		assertThat(this.status.snapshot().state()).isEqualTo(MigrationStatus.State.MIGRATED);
		assertThat(this.status.snapshot().schemaVersion()).isEqualTo(Version.parse("2"));
		assertThat(this.status.snapshot().expectedVersion()).isEqualTo(Version.parse("2"));
		assertThat(this.status.snapshot().pending()).isZero();
	}

	@Test
	void earlyInitializationMigratesOnceAndLeavesTheEventToTheRunner() throws Exception {
		MigratorInitializer initializer = initializer(Mode.MIGRATE, "classpath:db/h2", Duration.ofSeconds(1));
		new MigratorEarlyInitializer(initializer).afterPropertiesSet();
		assertThat(this.events).isEmpty();
		assertThat(this.status.snapshot().state()).isEqualTo(MigrationStatus.State.MIGRATED);
		initializer.run(new DefaultApplicationArguments());
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(SchemaMigratedEvent.class,
					(event) -> assertThat(event.getResult().applied()).hasSize(2));
	}

	@Test
	void targetLimitsTheMigrationAndTheExpectedVersion() throws Exception {
		MigrationStatus limited = new MigrationStatus(Version.parse("1"));
		Migrator migrator = migrator("classpath:db/h2", limited);
		MigratorInitializer initializer = new MigratorInitializer(migrator, Mode.MIGRATE, Version.parse("1"),
				Duration.ofSeconds(1), limited);
		initializer.initialize();
		assertThat(limited.snapshot().schemaVersion()).isEqualTo(Version.parse("1"));
		assertThat(limited.snapshot().expectedVersion()).isEqualTo(Version.parse("1"));
		assertThat(limited.snapshot().isBehind()).isFalse();
	}

	@Test
	void failedMigrationIsThrownAndReported() {
		MigratorInitializer initializer = initializer(Mode.MIGRATE, "filesystem:/does/not/exist",
				Duration.ofSeconds(1));
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> initializer.run(null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.CONFIGURATION))
			.withMessageContaining("filesystem:/does/not/exist");
		assertThat(this.status.snapshot().state()).isEqualTo(MigrationStatus.State.FAILED);
		assertThat(this.status.snapshot().failure()).isEqualTo(MigrationException.Reason.CONFIGURATION);
		assertThat(this.events).isEmpty();
	}

	@Test
	void awaitModeNeverChangesTheSchemaAndTimesOutWithBothVersions() throws Exception {
		MigratorInitializer initializer = initializer(Mode.AWAIT, "classpath:db/h2", Duration.ofMillis(700));
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> initializer.run(null))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(MigrationException.Reason.AWAIT_TIMEOUT))
			.withMessageContaining("reach version 2")
			.withMessageContaining("it is at version 0")
			.withMessageContaining("migrator.await.timeout");
		assertThat(MigratorAutoConfigurationTests.tableExists(this.database.dataSource(), "migrator_schema_history"))
			.isFalse();
		assertThat(MigratorAutoConfigurationTests.tableExists(this.database.dataSource(), "person")).isFalse();
		assertThat(this.status.snapshot().state()).isEqualTo(MigrationStatus.State.FAILED);
	}

	@Test
	void awaitModeReturnsOnceAnotherMigratorMigrated() throws Exception {
		MigratorInitializer initializer = initializer(Mode.AWAIT, "classpath:db/h2", Duration.ofSeconds(20));
		CompletableFuture<Void> awaiting = CompletableFuture.runAsync(() -> initializer.run(null));
		Thread.sleep(300);
		assertThat(awaiting).isNotDone();
		assertThat(this.status.snapshot().state()).isEqualTo(MigrationStatus.State.AWAITING);
		migrator("classpath:db/h2", new MigrationStatus(null)).migrate();
		awaiting.get(10, TimeUnit.SECONDS);
		assertThat(this.status.snapshot().state()).isEqualTo(MigrationStatus.State.MIGRATED);
		assertThat(this.events).singleElement()
			.isInstanceOfSatisfying(SchemaMigratedEvent.class, (event) -> assertThat(event.getResult()).isNull());
	}

	@Test
	void gateOpensWithTheEvent() throws Exception {
		try (GenericApplicationContext context = contextWithGate()) {
			MigrationGate gate = context.getBean(MigrationGate.class);
			assertThat(gate.isMigrated()).isFalse();
			assertThat(gate.awaitMigrated(Duration.ofMillis(10))).isFalse();
			CompletableFuture<Boolean> waiting = waitFor(gate);
			context.publishEvent(new SchemaMigratedEvent(this, Version.parse("2"), null));
			assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
			assertThat(gate.isMigrated()).isTrue();
		}
	}

	@Test
	void closingTheContextReleasesWaitersOfTheGate() throws Exception {
		GenericApplicationContext context = contextWithGate();
		CompletableFuture<Boolean> waiting = waitFor(context.getBean(MigrationGate.class));
		context.close();
		assertThat(waiting.get(5, TimeUnit.SECONDS)).isFalse();
	}

	private static GenericApplicationContext contextWithGate() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean(MigrationGate.class);
		context.refresh();
		return context;
	}

	private static CompletableFuture<Boolean> waitFor(MigrationGate gate) {
		return CompletableFuture.supplyAsync(() -> {
			try {
				return gate.awaitMigrated(Duration.ofMinutes(1));
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	private MigratorInitializer initializer(Mode mode, String location, Duration awaitTimeout) {
		MigratorInitializer initializer = new MigratorInitializer(migrator(location), mode, null, awaitTimeout,
				this.status);
		initializer.setApplicationEventPublisher(this.events::add);
		return initializer;
	}

	private Migrator migrator(String location) {
		return migrator(location, this.status);
	}

	private Migrator migrator(String location, MigrationStatus listener) {
		return new Migrator(MigratorConfig.builder()
			.dataSource(this.database.dataSource())
			.locations(location)
			.scriptScanner(new SpringResourceScriptScanner(new PathMatchingResourcePatternResolver()))
			.listener(listener)
			.build());
	}

}
