package io.migrator.core.internal.dialect;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import io.migrator.core.testsupport.PostgresTestConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What pgjdbc and PostgreSQL actually do with a batch, pinned so that a driver upgrade
 * that changes it fails here rather than in a user's error message; and the literals the
 * ledger row is written with.
 */
class PostgresBatchingTests {

	private final Dialect.Batching batching = new PostgresDialect().batching();

	private PostgresTestConnection db;

	@BeforeEach
	void connect() throws SQLException {
		this.db = PostgresTestConnection.open();
		this.db.execute("CREATE TABLE t (id INT PRIMARY KEY)");
		this.db.execute("CREATE SEQUENCE s");
	}

	@AfterEach
	void disconnect() throws SQLException {
		if (this.db != null) {
			this.db.close();
		}
	}

	@Test
	void inATransactionEveryEntryCountsAsFailedAndOnlyTheMessageNamesTheFailingOne() throws SQLException {
		BatchUpdateException ex = catchThrowableOfType(BatchUpdateException.class,
				() -> this.db.batch("INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (2)",
						"INSERT INTO t\nVALUES (3, oops)", "DO $$ BEGIN PERFORM nextval('s'); END $$"));
		this.db.endTransaction(false);
		assertThat(ex.getUpdateCounts()).containsExactly(Statement.EXECUTE_FAILED, Statement.EXECUTE_FAILED,
				Statement.EXECUTE_FAILED, Statement.EXECUTE_FAILED);
		assertThat(ex.getMessage()).startsWith("Batch entry 2 ");
		assertThat(this.batching.failedEntry(ex, 4)).isEqualTo(2);
		SQLException server = ex.getNextException();
		assertThat(server.getSQLState()).isEqualTo("42703");
		assertThat(server.getMessage()).contains("column \"oops\" does not exist").contains("Position: 26");
		// The entry after the failing one never ran: a sequence keeps its changes through
		// a rollback.
		assertThat(
				this.db.queryLong("SELECT count(*) FROM pg_sequences WHERE sequencename = 's' AND last_value IS NULL"))
			.isEqualTo(1);
	}

	@Test
	void theFirstEntryFailingIsNamedToo() throws SQLException {
		BatchUpdateException ex = catchThrowableOfType(BatchUpdateException.class,
				() -> this.db.batch("INSERT INTO missing VALUES (1)", "INSERT INTO t VALUES (1)"));
		this.db.endTransaction(false);
		assertThat(this.batching.failedEntry(ex, 2)).isZero();
		assertThat(ex.getNextException().getSQLState()).isEqualTo("42P01");
	}

	@Test
	void anEntryNamedBeyondTheBatchIsNotBelieved() {
		BatchUpdateException ex = new BatchUpdateException("Batch entry 7 INSERT was aborted", "23505",
				new int[] { Statement.EXECUTE_FAILED, Statement.EXECUTE_FAILED });
		assertThat(this.batching.failedEntry(ex, 2)).isEqualTo(-1);
		assertThat(this.batching.failedEntry(new BatchUpdateException("something else", "23505", new int[0]), 2))
			.isEqualTo(-1);
	}

	@Test
	void countsBeforeTheFirstFailureNameTheEntryWhenADriverReportsThem() {
		BatchUpdateException ex = new BatchUpdateException("no number here", "23505",
				new int[] { 1, Statement.SUCCESS_NO_INFO, Statement.EXECUTE_FAILED, Statement.EXECUTE_FAILED });
		assertThat(this.batching.failedEntry(ex, 4)).isEqualTo(2);
	}

	@Test
	void anEntryThatReturnsRowsRunsAndItsRowsAreDropped() throws SQLException {
		// Older pgjdbc versions threw "A result was returned when none was expected"
		// here.
		assertThat(this.db.batch("INSERT INTO t VALUES (1)", "SELECT setval('s', 42)",
				"INSERT INTO t VALUES (2) RETURNING id"))
			.containsExactly(1, 0, 0);
		this.db.endTransaction(true);
		assertThat(this.db.queryLong("SELECT last_value FROM s")).isEqualTo(42);
		assertThat(this.db.queryLong("SELECT count(*) FROM t")).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(strings = { "on", "off" })
	void stringLiteralsReadBackAsTheBoundValue(String standardConformingStrings) throws SQLException {
		this.db.execute("CREATE TABLE strings (id INT, bound TEXT, literal TEXT)");
		this.db.execute("SET standard_conforming_strings = " + standardConformingStrings);
		String[] values = { "plain", "it's", "back\\slash", "\\'", "'\\", "$$", "$m$", "x$m", "$tag$ body $tag$", ";",
				"E'x'", "line\nbreak\ttab", "?", "{fn now()}", "ünïcödé 😀", "" };
		for (int i = 0; i < values.length; i++) {
			try (PreparedStatement insert = this.db.connection()
				.prepareStatement("INSERT INTO strings VALUES (?, ?, NULL)")) {
				insert.setInt(1, i);
				insert.setString(2, values[i]);
				insert.executeUpdate();
			}
			this.db.batch("UPDATE strings SET literal = " + this.batching.literal(values[i]) + " WHERE id = " + i);
			this.db.endTransaction(true);
		}
		assertThat(this.db.queryLong("SELECT count(*) FROM strings WHERE literal IS DISTINCT FROM bound")).isZero();
		assertThat(this.db.queryLong("SELECT count(*) FROM strings WHERE literal = bound")).isEqualTo(values.length);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 123_456_000, 123_456_499, 123_456_500, 999_999_500, 999_999_999 })
	void timestampLiteralsStoreTheInstantABoundValueStores(int nanos) throws SQLException {
		this.db.execute("CREATE TABLE times (bound TIMESTAMPTZ, literal TIMESTAMPTZ)");
		this.db.execute("SET TimeZone = 'America/St_Johns'");
		this.db.execute("SET DateStyle = 'ISO, DMY'");
		OffsetDateTime value = OffsetDateTime.of(2024, 12, 31, 23, 59, 59, nanos, ZoneOffset.ofHoursMinutes(5, 45));
		try (PreparedStatement insert = this.db.connection()
			.prepareStatement("INSERT INTO times VALUES (?, " + this.batching.literal(value) + ")")) {
			insert.setObject(1, value);
			insert.executeUpdate();
		}
		assertThat(this.db.queryLong("SELECT count(*) FROM times WHERE bound = literal")).isEqualTo(1);
	}

	@Test
	void otherLiterals() {
		assertThat(this.batching.literal(null)).isEqualTo("NULL");
		assertThat(this.batching.literal(42L)).isEqualTo("42");
		assertThat(this.batching.literal(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 6_000, ZoneOffset.ofHours(2))))
			.isEqualTo("TIMESTAMP WITH TIME ZONE '2024-01-02 01:04:05.000006+00:00'");
	}

	@Test
	void aTimestampIsWrittenAsTheFormatterWritesIt() {
		SplittableRandom random = new SplittableRandom(7);
		DateTimeFormatter formatter = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSxxx");
		for (int i = 0; i < 20_000; i++) {
			OffsetDateTime timestamp = Instant
				.ofEpochSecond(random.nextLong(-62_000_000_000L, 260_000_000_000L), random.nextInt(1_000_000) * 1000L)
				.atOffset(ZoneOffset.UTC);
			assertThat(PostgresBatching.utc(timestamp)).isEqualTo(formatter.format(timestamp));
		}
		OffsetDateTime exact = OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6000, ZoneOffset.UTC);
		assertThat(PostgresBatching.utc(exact)).isEqualTo("2026-01-02 03:04:05.000006+00:00");
	}

}
