package io.migrator.core.internal.dialect;

import java.time.Duration;

import io.migrator.core.internal.dialect.MysqlDialect.Flavor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What differs between MySQL and MariaDB, checked in the SQL the dialect sends: the
 * contract suite runs on MariaDB only (see {@code MariadbMigratorTests}), so MySQL's
 * statement timeout variable is pinned here.
 */
class MysqlDialectTests {

	@Test
	void mysqlLimitsStatementsWithMaxExecutionTimeInMilliseconds() {
		MysqlDialect mysql = new MysqlDialect(Flavor.MYSQL);
		assertThat(mysql.name()).isEqualTo("MySQL");
		assertThat(mysql.vendor()).isEqualTo("mysql");
		assertThat(mysql.setTimeouts(MysqlDialect.lockWaitSeconds(Duration.ofMillis(1500)),
				Flavor.MYSQL.statementTimeout(Duration.ofMillis(2500))))
			.isEqualTo("SET SESSION lock_wait_timeout = 2, innodb_lock_wait_timeout = 2, max_execution_time = 2500");
	}

	@Test
	void mariadbLimitsStatementsWithMaxStatementTimeInSeconds() {
		MysqlDialect mariadb = new MysqlDialect(Flavor.MARIADB);
		assertThat(mariadb.name()).isEqualTo("MariaDB");
		assertThat(mariadb.vendor()).isEqualTo("mariadb");
		assertThat(mariadb.setTimeouts(MysqlDialect.lockWaitSeconds(Duration.ofSeconds(10)),
				Flavor.MARIADB.statementTimeout(Duration.ofMillis(2500))))
			.isEqualTo("SET SESSION lock_wait_timeout = 10, innodb_lock_wait_timeout = 10, max_statement_time = 2.500");
	}

	@Test
	void zeroMeansNoLimitAndALockTimeoutIsAtLeastOneSecond() {
		assertThat(MysqlDialect.lockWaitSeconds(Duration.ZERO)).isEqualTo("31536000");
		assertThat(MysqlDialect.lockWaitSeconds(Duration.ofMillis(1))).isEqualTo("1");
		assertThat(MysqlDialect.lockWaitSeconds(Duration.ofDays(400))).isEqualTo("31536000");
		assertThat(Flavor.MYSQL.statementTimeout(Duration.ZERO)).isEqualTo("0");
		assertThat(Flavor.MARIADB.statementTimeout(Duration.ZERO)).isEqualTo("0.000");
	}

	@Test
	void theLockHolderComesFromTheProcessListOfTheLocksConnection() {
		assertThat(MysqlUserLock.HOLDER_SQL).contains("information_schema.PROCESSLIST")
			.contains("WHERE ID = IS_USED_LOCK(?)");
	}

	@Test
	void theLockNameIsServerWideSoItNamesTheDatabaseAndFitsSixtyFourCharacters() {
		String name = MysqlUserLock.nameFor("shop.migrator_schema_history");
		assertThat(name).matches("migrator_[0-9a-f]{16}").hasSizeLessThanOrEqualTo(64);
		assertThat(name).isNotEqualTo(MysqlUserLock.nameFor("billing.migrator_schema_history"));
		assertThat(name).isEqualTo("migrator_"
				+ java.util.HexFormat.of().toHexDigits(PostgresAdvisoryLock.keyFor("shop.migrator_schema_history")));
	}

	@Test
	void identifiersAreQuotedWithBackticks() {
		assertThat(new MysqlDialect(Flavor.MARIADB).quote("odd`name")).isEqualTo("`odd``name`");
	}

}
