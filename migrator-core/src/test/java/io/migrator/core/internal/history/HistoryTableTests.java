package io.migrator.core.internal.history;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.testsupport.PostgresTestConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger row a batch writes as literals is the row {@link HistoryTable#append} writes
 * with bound parameters, on PostgreSQL, whatever the values and the session's settings.
 */
class HistoryTableTests {

	private static final String AWKWARD = "it's a \\ back\\\\slash, $$ dollars $m$ x$m; E'quoted' \"double\""
			+ " ? {fn now()} line\nbreak ünï 😀";

	private Dialect dialect;

	private HistoryTable history;

	private PostgresTestConnection db;

	@BeforeEach
	void createLedger() throws SQLException {
		this.db = PostgresTestConnection.open();
		this.dialect = Dialect.of(this.db.connection());
		this.history = new HistoryTable(this.dialect, null, "public", "ledger");
		this.history.create(this.db.connection());
	}

	@AfterEach
	void dropDatabase() throws SQLException {
		if (this.db != null) {
			this.db.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "on", "off" })
	void theBatchedRowIsTheAppendedRow(String standardConformingStrings) throws SQLException {
		this.db.execute("SET standard_conforming_strings = " + standardConformingStrings);
		OffsetDateTime when = OffsetDateTime.of(2025, 3, 4, 5, 6, 7, 891_234_567, ZoneOffset.ofHours(-3));
		HistoryRow versioned = new HistoryRow(1, Version.parse("1.2"), AWKWARD, MigrationType.VERSIONED,
				"V1.2__" + AWKWARD + ".sql", "0123abcd", "412:1a2b3c4d", HistoryStatus.SUCCESS, "o'brien\\$$" + AWKWARD,
				when, 42);
		HistoryRow repeatable = new HistoryRow(3, null, "x".repeat(300), MigrationType.REPEATABLE,
				"R__" + "y".repeat(1200) + ".sql", null, null, HistoryStatus.SUCCESS, "z".repeat(150),
				when.plusNanos(500), 7);
		this.history.append(this.db.connection(), versioned);
		appendInBatch(withId(versioned, 2), 40);
		this.history.append(this.db.connection(), repeatable);
		appendInBatch(withId(repeatable, 4), 0);
		List<HistoryRow> rows = this.history.read(this.db.connection());
		assertThat(rows).hasSize(4);
		assertThat(rows.get(1)).usingRecursiveComparison()
			.ignoringFields("id", "executionMillis")
			.isEqualTo(rows.get(0));
		assertThat(rows.get(3)).usingRecursiveComparison()
			.ignoringFields("id", "executionMillis")
			.isEqualTo(rows.get(2));
		assertThat(rows.get(0).description()).isEqualTo(AWKWARD);
		assertThat(rows.get(2).description()).hasSize(255);
		assertThat(rows.get(1).executionMillis()).isGreaterThanOrEqualTo(40);
	}

	@ParameterizedTest
	@ValueSource(strings = { "UTC", "Asia/Kathmandu", "America/St_Johns" })
	void installedOnIsReadBackAsTheInstantWrittenToTheMicrosecond(String timeZone) throws SQLException {
		OffsetDateTime early = OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000, ZoneOffset.UTC);
		OffsetDateTime late = OffsetDateTime.of(2038, 1, 19, 3, 14, 8, 999_999_000, ZoneOffset.ofHoursMinutes(5, 45));
		OffsetDateTime now = OffsetDateTime.of(2026, 12, 7, 12, 37, 58, 115_446_000, ZoneOffset.ofHours(-3));
		long id = 1;
		for (OffsetDateTime when : List.of(early, late, now)) {
			this.history.append(this.db.connection(), new HistoryRow(id++, Version.parse(Long.toString(id)), "d",
					MigrationType.VERSIONED, "V" + id + "__d.sql", "00", null, HistoryStatus.SUCCESS, "me", when, 1));
		}
		this.db.execute("SET TimeZone = '" + timeZone + "'");
		List<HistoryRow> rows = this.history.read(this.db.connection());
		assertThat(rows).extracting(HistoryRow::installedOn)
			.containsExactly(early.withOffsetSameInstant(ZoneOffset.UTC), late.withOffsetSameInstant(ZoneOffset.UTC),
					now.withOffsetSameInstant(ZoneOffset.UTC));
	}

	private void appendInBatch(HistoryRow row, long millisBeforeTransaction) throws SQLException {
		this.db.batch(this.history.appendStatement(this.dialect.batching(), row, millisBeforeTransaction));
		this.db.endTransaction(true);
	}

	private static HistoryRow withId(HistoryRow row, long id) {
		return new HistoryRow(id, row.version(), row.description(), row.type(), row.script(), row.checksum(),
				row.fingerprint(), row.status(), row.installedBy(), row.installedOn(), row.executionMillis());
	}

}
