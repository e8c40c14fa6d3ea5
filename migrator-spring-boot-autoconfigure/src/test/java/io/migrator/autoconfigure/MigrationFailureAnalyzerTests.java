package io.migrator.autoconfigure;

import java.util.List;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MigrationFailureAnalyzer}.
 */
class MigrationFailureAnalyzerTests {

	@Test
	void describesTheFailureWithTheExceptionsMessageAndAnActionForItsReason() {
		MigrationException failure = new MigrationException(Reason.SCRIPT_FAILED,
				"Migration V2__broken.sql failed at line 4 (classpath:db/broken/V2__broken.sql)", "V2__broken.sql", 4,
				"42601", null);
		FailureAnalysis analysis = new MigrationFailureAnalyzer()
			.analyze(new IllegalStateException("Failed to execute ApplicationRunner", failure));
		assertThat(analysis.getDescription()).isEqualTo(failure.getMessage());
		assertThat(analysis.getAction()).contains("line named above");
		assertThat(analysis.getCause()).isSameAs(failure);
	}

	@Test
	void findsTheFailureInsideABeanCreationException() {
		MigrationException failure = new MigrationException(Reason.CONFIGURATION, "table 'x-y' (migrator.table)");
		FailureAnalysis analysis = new MigrationFailureAnalyzer()
			.analyze(new BeanCreationException("migratorConfig", "Failed", failure));
		assertThat(analysis.getDescription()).isEqualTo("table 'x-y' (migrator.table)");
		assertThat(analysis.getAction()).contains("migrator.*");
	}

	@Test
	void everyReasonHasAnAction() {
		for (Reason reason : Reason.values()) {
			assertThat(new MigrationFailureAnalyzer().analyze(new MigrationException(reason, "x")).getAction())
				.isNotBlank();
		}
	}

	@Test
	void isRegisteredAsAFailureAnalyzer() {
		// Other registered factories need constructor arguments that this test does not
		// give.
		FailureHandler ignore = FailureHandler.handleMessage((message, failure) -> {
		});
		List<FailureAnalyzer> loaded = SpringFactoriesLoader.forDefaultResourceLocation(getClass().getClassLoader())
			.load(FailureAnalyzer.class, null, ignore);
		assertThat(loaded).hasAtLeastOneElementOfType(MigrationFailureAnalyzer.class);
	}

}
