package io.migrator.autoconfigure;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationExitCodeExceptionMapper}.
 */
class MigrationExitCodeExceptionMapperTests {

	private final MigrationExitCodeExceptionMapper mapper = new MigrationExitCodeExceptionMapper();

	@Test
	void aMigrationFailureInTheRunnerExitsWithItsReasonsCode() {
		MigrationException failure = new MigrationException(Reason.SCRIPT_FAILED, "broken");
		assertThat(this.mapper.getExitCode(new IllegalStateException("Failed to execute ApplicationRunner", failure)))
			.isEqualTo(7);
	}

	@Test
	void otherFailuresAreLeftToSpringBoot() {
		assertThat(this.mapper.getExitCode(new IllegalStateException("other"))).isZero();
	}

}
