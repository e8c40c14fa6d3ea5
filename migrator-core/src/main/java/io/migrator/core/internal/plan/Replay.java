package io.migrator.core.internal.plan;

import io.migrator.core.MigrationState;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.history.HistoryStatus;
import io.migrator.core.internal.script.Script;
import org.jspecify.annotations.Nullable;

/**
 * The ledger rows of one version or repeatable, replayed in order.
 */
final class Replay {

	static PlanEntry versioned(Version version, @Nullable Script script, @Nullable Replay replay,
			@Nullable Version baseline, Version latest) {
		HistoryRow last = (replay != null) ? replay.lastRow() : null;
		if (replay != null && replay.attempt != null) {
			MigrationState state = (replay.attempt.status() == HistoryStatus.STARTED) ? MigrationState.UNFINISHED
					: MigrationState.FAILED;
			return new PlanEntry(version, script, replay.attempt, state, replay.attempt.type());
		}
		if (replay != null && replay.applied != null) {
			MigrationState state;
			if (script == null) {
				state = version.isNewerThan(latest) ? MigrationState.FUTURE : MigrationState.MISSING;
			}
			else {
				state = script.hasContent(replay.appliedChecksum, replay.appliedFingerprint) ? MigrationState.APPLIED
						: MigrationState.MODIFIED;
			}
			return new PlanEntry(version, script, replay.applied, state, MigrationType.VERSIONED);
		}
		if (baseline != null && baseline.isAtLeast(version)) {
			return new PlanEntry(version, script, last, MigrationState.BELOW_BASELINE, MigrationType.VERSIONED);
		}
		if (script == null) {
			return new PlanEntry(version, null, last, MigrationState.UNDONE, MigrationType.VERSIONED);
		}
		return new PlanEntry(version, script, last, MigrationState.PENDING, MigrationType.VERSIONED);
	}

	/**
	 * A repeatable script is pending when it is new, when its content changed, or when an
	 * undo ran after it was last applied: the undo may have dropped or changed what it
	 * created (a view on a dropped column), so the next migrate applies it again.
	 */
	static PlanEntry repeatable(String description, @Nullable Script script, @Nullable Replay replay, long lastUndo) {
		if (replay != null && replay.attempt != null) {
			MigrationState state = (replay.attempt.status() == HistoryStatus.STARTED) ? MigrationState.UNFINISHED
					: MigrationState.FAILED;
			return new PlanEntry(null, script, replay.attempt, state, MigrationType.REPEATABLE, description);
		}
		HistoryRow applied = (replay != null) ? replay.applied : null;
		MigrationState state;
		if (script == null) {
			state = MigrationState.MISSING;
		}
		else if (applied != null && script.hasContent(replay.appliedChecksum, replay.appliedFingerprint)
				&& applied.id() > lastUndo) {
			state = MigrationState.APPLIED;
		}
		else {
			state = MigrationState.PENDING;
		}
		return new PlanEntry(null, script, applied, state, MigrationType.REPEATABLE, description);
	}

	@Nullable HistoryRow applied;

	@Nullable String appliedChecksum;

	@Nullable String appliedFingerprint;

	@Nullable HistoryRow attempt;

	@Nullable HistoryRow last;

	void add(HistoryRow row) {
		this.last = row;
		switch (row.status()) {
			case STARTED, FAILED -> this.attempt = row;
			case CLEARED -> this.attempt = null;
			case REPAIRED -> {
				// The accepted checksum is the recorded one from now on, for info and
				// for the next repair too.
				this.appliedChecksum = row.checksum();
				this.appliedFingerprint = row.fingerprint();
				if (this.applied != null) {
					this.applied = row;
				}
			}
			case SUCCESS -> {
				this.attempt = null;
				if (row.type() == MigrationType.UNDO) {
					this.applied = null;
					this.appliedChecksum = null;
					this.appliedFingerprint = null;
				}
				else {
					this.applied = row;
					this.appliedChecksum = row.checksum();
					this.appliedFingerprint = row.fingerprint();
				}
			}
		}
	}

	@Nullable HistoryRow lastRow() {
		return this.last;
	}

}
