package io.migrator.core;

import java.sql.SQLException;
import java.util.List;

import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.lock.WaitCheck;
import io.migrator.core.internal.plan.Plan;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import org.jspecify.annotations.Nullable;

/**
 * Whether {@code migrate} has nothing to do, decided without the lock:
 * <ol>
 * <li>{@link #upToDate()} reads the whole ledger and plans: up to date when the table
 * exists, nothing is pending for the target and nothing needs a person;</li>
 * <li>while waiting for the lock, {@link #workDone()} first counts the ledger's rows, one
 * tiny query, and reads the whole ledger again only once it holds enough rows to be up to
 * date;</li>
 * <li>while the count is short, the first check hashes the scripts, so the read that
 * finally finds the work done does not wait for that;</li>
 * <li>{@link #plan()} is the plan of the last read, the one that found it up to
 * date.</li>
 * </ol>
 * Rows are only ever appended, and each script a peer applies adds at least one, so a
 * ledger with fewer rows than that cannot be up to date yet. The count is a gate, never
 * the answer: a ledger that grew some other way (a baseline, rows deleted by hand) only
 * means the check fails and the migrator takes the lock, then reads the history under it
 * as ever.
 */
final class UpToDateCheck implements WaitCheck {

	private final DatabaseSession db;

	private final ScriptCatalog catalog;

	private final @Nullable Version target;

	private final boolean outOfOrder;

	private long rowsNeeded;

	private @Nullable Plan plan;

	private boolean hashed;

	UpToDateCheck(DatabaseSession db, ScriptCatalog catalog, @Nullable Version target, boolean outOfOrder) {
		this.db = db;
		this.catalog = catalog;
		this.target = target;
		this.outOfOrder = outOfOrder;
	}

	/**
	 * Read the whole ledger and plan.
	 * @return whether nothing is pending for the target and nothing is wrong
	 * @throws SQLException if the history cannot be read
	 */
	boolean upToDate() throws SQLException {
		List<HistoryRow> rows = this.db.history.read(this.db.connection);
		Plan plan = Plan.of(this.catalog, rows);
		List<Script> pending = plan.pending(this.target, this.outOfOrder);
		this.plan = plan;
		boolean upToDate = rows != null && pending.isEmpty() && plan.problems(this.outOfOrder).isEmpty();
		// Up to date takes a change (a new table, or a new row) and a row for each
		// pending script.
		long seen = (rows != null) ? rows.size() : -1;
		this.rowsNeeded = Math.max(seen + 1, Math.max(seen, 0) + pending.size());
		return upToDate;
	}

	@Override
	public boolean workDone() throws SQLException {
		if (this.db.history.count(this.db.connection) < this.rowsNeeded) {
			hashWhileWaiting();
			return false;
		}
		return upToDate();
	}

	/**
	 * Once the holder is busy, hash the scripts the next plan compares with its ledger
	 * rows: the wait pays for it, and the check that follows the holder's last script
	 * costs only the ledger's read. A script this run applies itself later is not hashed
	 * again.
	 */
	private void hashWhileWaiting() {
		if (this.hashed) {
			return;
		}
		this.hashed = true;
		this.catalog.hashComparedScripts();
	}

	/**
	 * The plan of the last read.
	 * @return the plan
	 * @throws IllegalStateException before the first read
	 */
	Plan plan() {
		if (this.plan == null) {
			throw new IllegalStateException("The history has not been read yet");
		}
		return this.plan;
	}

}
