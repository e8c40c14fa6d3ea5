package io.migrator.actuate.metrics;

import java.time.Duration;
import java.util.List;

import io.micrometer.observation.tck.TestObservationRegistry;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationListener.ScriptRun;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import org.junit.jupiter.api.Test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;

/**
 * Tests for {@link MigratorObservationListener}.
 */
class MigratorObservationListenerTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final MigratorObservationListener listener = new MigratorObservationListener(this.registry);

	private final ScriptRun script = new ScriptRun(Version.parse("2"), "add", MigrationType.VERSIONED, "V2__add.sql",
			true);

	@Test
	void observesAMigrateRunAndItsScripts() {
		this.listener.commandStarted("migrate");
		this.listener.scriptStarted(this.script, 1, 1);
		this.listener.scriptSucceeded(this.script, Duration.ofMillis(4));
		this.listener.migrateSucceeded(
				new MigrateResult(List.of(), Version.ZERO, Version.parse("2"), Duration.ZERO, Duration.ofMillis(8)));
		assertThat(this.registry).hasNumberOfObservationsEqualTo(2)
			.hasObservationWithNameEqualTo("migrator.run")
			.that()
			.hasBeenStarted()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("command", "migrate")
			.hasLowCardinalityKeyValue("outcome", "success");
		assertThat(this.registry).hasObservationWithNameEqualTo("migrator.script")
			.that()
			.hasBeenStopped()
			.hasParentObservationContextMatching((parent) -> "migrator.run".equals(parent.getName()))
			.hasLowCardinalityKeyValue("type", "VERSIONED")
			.hasHighCardinalityKeyValue("script", "V2__add.sql");
	}

	@Test
	void aFailedRunStopsItsOpenScriptWithTheError() {
		MigrationException failure = new MigrationException(MigrationException.Reason.SCRIPT_FAILED, "broken");
		this.listener.commandStarted("migrate");
		this.listener.scriptStarted(this.script, 1, 1);
		this.listener.commandFailed("migrate", failure);
		assertThat(this.registry).hasObservationWithNameEqualTo("migrator.script")
			.that()
			.hasBeenStopped()
			.hasError(failure)
			.hasLowCardinalityKeyValue("outcome", "failure");
		assertThat(this.registry).hasObservationWithNameEqualTo("migrator.run")
			.that()
			.hasBeenStopped()
			.hasError(failure);
	}

	@Test
	void otherCommandsAreNotObserved() {
		this.listener.commandStarted("info");
		this.listener.commandFailed("info", new MigrationException(MigrationException.Reason.CONNECTION, "down"));
		assertThat(this.registry).doesNotHaveAnyObservation();
	}

}
