package io.migrator.core.contract;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationListener;
import io.migrator.core.MigrationState;
import io.migrator.core.Version;
import io.migrator.core.testsupport.MariadbTestDatabase;
import io.migrator.core.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The contract on MariaDB, where DDL commits implicitly: a script with DDL runs as a
 * non-transactional one (see {@link #ddlCommitsImplicitly()}), plus what only MySQL and
 * MariaDB have: that rule and its message, DELIMITER, the GET_LOCK lock, the timeouts.
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

	@Test
	void aScriptWithDdlRunsWithoutATransactionAndItsFailureSaysWhy() {
		write("V1__tables.sql",
				"CREATE TABLE first_table (id INT);\n" + "ALTER TABLE no_such_table ADD COLUMN x INT;\n");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(2))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.SCRIPT_FAILED))
			.withMessageContaining("V1__tables.sql failed at line 2")
			.withMessageContaining("SQLSTATE 42S02")
			.withMessageContaining("It is not transactional (MariaDB commits every DDL statement implicitly, so a"
					+ " script with DDL cannot run in one transaction)")
			.withMessageContaining("records the script as FAILED")
			.withMessageContaining("run repair");
		assertThat(tableExists("first_table")).isTrue();
		assertThat(ledger()).containsExactly("1:STARTED", "1:FAILED");
		assertThat(migrator().info().find(Version.parse("1")).state()).isEqualTo(MigrationState.FAILED);
	}

	@Test
	void aDataOnlyScriptKeepsItsTransactionAndADdlScriptDoesNot() {
		write("V1__create.sql", "CREATE TABLE data_only (id INT PRIMARY KEY);");
		write("V2__fill.sql", "INSERT INTO data_only VALUES (1);\nUPDATE data_only SET id = 2;");
		MigrateResult result = migrator().migrate();
		assertThat(result.applied()).extracting((m) -> m.transactional()).containsExactly(false, true);
		assertThat(ledger()).containsExactly("1:STARTED", "1:SUCCESS", "2:SUCCESS");
	}

	@Test
	void aTransactionDirectiveOnDdlIsRefusedBeforeAnythingRuns() {
		write("V1__ddl.sql", "-- migrator:transaction=true\nINSERT INTO nowhere VALUES (1);\nCREATE TABLE t (id INT);");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.INVALID_SCRIPTS))
			.withMessageContaining("V1__ddl.sql line 3")
			.withMessageContaining("commits this statement implicitly");
		assertThat(ledger()).isEmpty();
	}

	@Test
	void proceduresAndTriggersWithDelimiterRunWhole() {
		write("V1__routines.sql", """
				CREATE TABLE audit (msg VARCHAR(100));
				DELIMITER //
				CREATE PROCEDURE log_it(m VARCHAR(100))
				BEGIN
				  INSERT INTO audit VALUES (CONCAT(m, '; with semicolon'));
				  INSERT INTO audit VALUES ('second');
				END //
				CREATE TRIGGER audit_trim BEFORE INSERT ON audit FOR EACH ROW
				BEGIN
				  SET NEW.msg = UPPER(NEW.msg);
				END //
				DELIMITER ;
				/*!40101 SET @note = 'conditional; comment' */;
				CALL log_it(@note);
				""");
		migrator().migrate();
		assertThat(count("SELECT count(*) FROM audit")).isEqualTo(2);
		assertThat(queryValue("SELECT msg FROM audit ORDER BY msg LIMIT 1"))
			.isEqualTo("CONDITIONAL; COMMENT; WITH SEMICOLON");
	}

	@Test
	void aLockTimeoutStopsDdlQueuedBehindAnOpenTransaction() throws Exception {
		write("V1__create.sql", "CREATE TABLE busy (id INT);");
		migrator().migrate();
		write("V2__alter.sql", "ALTER TABLE busy ADD COLUMN note VARCHAR(10);");
		try (Connection reader = this.database.dataSource().getConnection();
				Statement statement = reader.createStatement()) {
			reader.setAutoCommit(false);
			statement.executeQuery("SELECT * FROM busy").close(); // holds a metadata lock
			long started = System.nanoTime();
			assertThatExceptionOfType(MigrationException.class)
				.isThrownBy(() -> migrator((builder) -> builder.lockTimeout(Duration.ofSeconds(1))).migrate())
				.satisfies((ex) -> assertThat(ex.sqlState()).isEqualTo("HY000"))
				.withMessageContaining("V2__alter.sql")
				.withMessageContaining("Lock wait timeout exceeded");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			reader.rollback();
		}
		assertThat(ledger()).containsExactly("1:STARTED", "1:SUCCESS", "2:STARTED", "2:FAILED");
	}

	@Test
	void theRunRestoresTheSessionTimeoutsOfABorrowedConnection() throws Exception {
		write("V1__create.sql", "CREATE TABLE borrowed (id INT);");
		try (Connection connection = this.database.dataSource().getConnection()) {
			execute(connection,
					"SET SESSION lock_wait_timeout = 77, innodb_lock_wait_timeout = 66," + " max_statement_time = 5.5");
			migrator((builder) -> builder.dataSource(SingleConnectionDataSource.of(connection))
				.lockTimeout(Duration.ofSeconds(3))
				.statementTimeout(Duration.ofSeconds(4))).migrate();
			try (Statement statement = connection.createStatement();
					ResultSet result = statement.executeQuery("SELECT @@SESSION.lock_wait_timeout,"
							+ " @@SESSION.innodb_lock_wait_timeout, @@SESSION.max_statement_time")) {
				result.next();
				assertThat(result.getLong(1)).isEqualTo(77);
				assertThat(result.getLong(2)).isEqualTo(66);
				assertThat(result.getDouble(3)).isEqualTo(5.5);
			}
		}
		assertThat(tableExists("borrowed")).isTrue();
	}

	@Test
	void aKilledMigrationSessionReleasesTheLockAtOnce() throws Exception {
		write("V1__slow.sql", "SELECT SLEEP(60);");
		CountDownLatch started = new CountDownLatch(1);
		MigrationListener signal = new MigrationListener() {
			@Override
			public void scriptStarted(ScriptRun script, int index, int total) {
				started.countDown();
			}
		};
		CompletableFuture<MigrateResult> crashed = CompletableFuture
			.supplyAsync(() -> migrator((builder) -> builder.listener(signal)).migrate());
		assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
		Number holder = (Number) queryValue(
				"SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(60)%'");
		execute("KILL CONNECTION " + holder.longValue());
		assertThat(crashed).failsWithin(30, TimeUnit.SECONDS);
		write("V1__slow.sql", "SELECT SLEEP(0.1);");
		MigrateResult next = migrator((builder) -> builder.lockWaitTimeout(Duration.ofSeconds(5))).migrate();
		assertThat(next.applied()).hasSize(1);
		assertThat(ledger()).containsExactly("1:SUCCESS");
	}

	@Test
	void aSyntaxErrorIsReportedOnItsLineInTheFile() {
		write("V1__syntax.sql", "-- a comment\nCREATE TABLE fine (id INT);\nINSERT INTO fine\nVALUES (1),\n(2,,);\n");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().migrate())
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(5))
			.withMessageContaining("V1__syntax.sql failed at line 5")
			.withMessageContaining("SQLSTATE 42000");
	}

	@Test
	void theLintCommandSaysItDoesNotApply() {
		write("V1__create.sql", "CREATE TABLE linted (id INT);");
		assertThatExceptionOfType(MigrationException.class).isThrownBy(() -> migrator().lint(true))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(Reason.CONFIGURATION))
			.withMessageContaining("Nothing was checked")
			.withMessageContaining("the lint does not apply to this database");
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
