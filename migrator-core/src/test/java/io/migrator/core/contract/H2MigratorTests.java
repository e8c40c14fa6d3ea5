package io.migrator.core.contract;

import io.migrator.core.testsupport.H2TestDatabase;
import io.migrator.core.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract on H2, the embedded development database.
 */
class H2MigratorTests extends MigratorContractTests {

	@Override
	protected TestDatabase createDatabase() {
		return H2TestDatabase.create();
	}

	@BeforeEach
	void defineSleep() {
		execute("CREATE ALIAS IF NOT EXISTS TEST_SLEEP FOR 'java.lang.Thread.sleep(long)'");
	}

	@Override
	protected String sleepSql(int millis) {
		return "CALL TEST_SLEEP(" + millis + ")";
	}

	@Override
	protected String longRunningSql() {
		// A Java sleep cannot be cancelled; a long scan checks H2's query timeout as it
		// goes.
		return "SELECT SUM(A.X * B.X) FROM SYSTEM_RANGE(1, 100000) A, SYSTEM_RANGE(1, 100000) B";
	}

	@Override
	protected void assertHolderDescribed(String description) {
		assertThat(description).isEqualTo("another migrator");
	}

}
