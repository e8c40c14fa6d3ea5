package io.migrator.core.contract;

import io.migrator.core.testsupport.MariadbTestDatabase;
import io.migrator.core.testsupport.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract on MariaDB, where DDL commits implicitly: a script with DDL runs as a
 * non-transactional one (see {@link #ddlCommitsImplicitly()}).
 */
class MariadbMigratorTests extends MigratorContractTests {

	@Override
	protected TestDatabase createDatabase() {
		return MariadbTestDatabase.create();
	}

	@Override
	protected String quote(String identifier) {
		return "`" + identifier + "`";
	}

	@Override
	protected boolean ddlCommitsImplicitly() {
		return true;
	}

	/** A database of its own, dropped after the test, since a schema is a database. */
	@Override
	protected String otherSchema() {
		String schema = ((MariadbTestDatabase) this.database).name() + "_other";
		((MariadbTestDatabase) this.database).dropWithIt(schema);
		return schema;
	}

	@Override
	protected String uniqueViolation() {
		return "23000";
	}

	/** MariaDB reports every integrity constraint violation as 23000. */
	@Override
	protected String checkViolation() {
		return "23000";
	}

	@Override
	protected String sleepSql(int millis) {
		return "SELECT SLEEP(" + (millis / 1000.0) + ")";
	}

	@Override
	protected String longRunningSql() {
		return sleepSql(5000);
	}

	@Override
	protected void assertHolderDescribed(String description) {
		assertThat(description).startsWith("pid ").contains("application 'user ");
	}

}
