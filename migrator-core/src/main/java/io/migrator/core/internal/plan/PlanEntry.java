package io.migrator.core.internal.plan;

import io.migrator.core.MigrationState;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.script.Script;
import org.jspecify.annotations.Nullable;

/**
 * One version's or repeatable's derived state.
 */
record PlanEntry(@Nullable Version version, @Nullable Script script, @Nullable HistoryRow row, MigrationState state,
		MigrationType type, @Nullable String repeatableDescription) {

	PlanEntry(@Nullable Version version, @Nullable Script script, @Nullable HistoryRow row, MigrationState state,
			MigrationType type) {
		this(version, script, row, state, type, null);
	}

	PlanEntry withState(MigrationState newState) {
		return new PlanEntry(this.version, this.script, this.row, newState, this.type, this.repeatableDescription);
	}

	String description() {
		if (this.script != null) {
			return this.script.description();
		}
		return (this.row != null) ? this.row.description() : String.valueOf(this.repeatableDescription);
	}

	String scriptName() {
		return (this.script != null) ? this.script.fileName() : (this.row != null) ? this.row.script() : description();
	}

}
