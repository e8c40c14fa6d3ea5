package io.migrator.core;

import java.util.List;

/**
 * What {@code repair} changed: one line per ledger row it appended.
 *
 * @param changes what was repaired, for people; empty when nothing needed repair
 * @param info the state after the repair
 * @since 0.1.0
 */
public record RepairResult(List<String> changes, InfoResult info) {

	public RepairResult {
		changes = List.copyOf(changes);
	}

}
