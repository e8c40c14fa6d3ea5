package io.migrator.core.internal.plan;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.history.HistoryStatus;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import org.jspecify.annotations.Nullable;

/**
 * A ledger written the way {@code Ledger} writes rows: each row records a script of the
 * release that ran it, with that script's real checksum. Switching to another release
 * ({@link #release}) simulates scripts edited, added or removed between runs.
 */
final class TestLedger {

	static final OffsetDateTime START = OffsetDateTime.of(2024, 5, 1, 9, 0, 0, 0, ZoneOffset.UTC);

	static final String USER = "deployer";

	private final List<HistoryRow> rows = new ArrayList<>();

	private ScriptCatalog release;

	private TestLedger(ScriptCatalog release) {
		this.release = release;
	}

	/**
	 * A ledger whose rows record the scripts of the given release.
	 * @param release the scripts that ran
	 * @return the ledger
	 */
	static TestLedger ranWith(ScriptCatalog release) {
		return new TestLedger(release);
	}

	/**
	 * When the row with the given id was written.
	 * @param id the row id
	 * @return the time
	 */
	static OffsetDateTime writtenAt(long id) {
		return START.plusMinutes(id);
	}

	/**
	 * Record the following rows from another release.
	 * @param catalog the scripts that run from now on
	 * @return this ledger
	 */
	TestLedger release(ScriptCatalog catalog) {
		this.release = catalog;
		return this;
	}

	TestLedger applied(String... versions) {
		for (String version : versions) {
			add(TestScripts.versioned(this.release, version), MigrationType.VERSIONED, HistoryStatus.SUCCESS);
		}
		return this;
	}

	TestLedger started(String version) {
		return add(TestScripts.versioned(this.release, version), MigrationType.VERSIONED, HistoryStatus.STARTED);
	}

	TestLedger failed(String version) {
		return add(TestScripts.versioned(this.release, version), MigrationType.VERSIONED, HistoryStatus.FAILED);
	}

	TestLedger undone(String version) {
		Script undo = this.release.undo(TestScripts.v(version));
		if (undo == null) {
			throw new IllegalArgumentException("No undo script " + version + " in the release");
		}
		return add(undo, MigrationType.UNDO, HistoryStatus.SUCCESS);
	}

	TestLedger appliedRepeatable(String description) {
		return add(TestScripts.repeatable(this.release, description), MigrationType.REPEATABLE, HistoryStatus.SUCCESS);
	}

	TestLedger startedRepeatable(String description) {
		return add(TestScripts.repeatable(this.release, description), MigrationType.REPEATABLE, HistoryStatus.STARTED);
	}

	TestLedger failedRepeatable(String description) {
		return add(TestScripts.repeatable(this.release, description), MigrationType.REPEATABLE, HistoryStatus.FAILED);
	}

	/**
	 * Append the row {@code repair} writes for one of its repairs.
	 * @param repair the repair
	 * @return this ledger
	 */
	TestLedger repaired(Repair repair) {
		return row(repair.version(), repair.description(), repair.type(), repair.script(), repair.checksum(),
				repair.status());
	}

	/**
	 * Append every row {@code repair} writes when the given scripts are shipped.
	 * @param shipped the scripts repair sees
	 * @return this ledger
	 */
	TestLedger repair(ScriptCatalog shipped) {
		Plan.of(shipped, rows()).repairs().forEach(this::repaired);
		return this;
	}

	TestLedger baseline(String version) {
		return row(TestScripts.v(version), "<< baseline >>", MigrationType.BASELINE, "<< baseline >>", null,
				HistoryStatus.SUCCESS);
	}

	List<HistoryRow> rows() {
		return List.copyOf(this.rows);
	}

	private TestLedger add(Script script, MigrationType type, HistoryStatus status) {
		return row(script.version(), script.description(), type, script.fileName(), script.checksum(), status);
	}

	private TestLedger row(@Nullable Version version, String description, MigrationType type, String script,
			@Nullable String checksum, HistoryStatus status) {
		long id = this.rows.size() + 1;
		this.rows.add(new HistoryRow(id, version, description, type, script, checksum, null, status, USER,
				writtenAt(id), (status == HistoryStatus.SUCCESS) ? 40 : 0));
		return this;
	}

}
