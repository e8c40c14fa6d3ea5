package io.migrator.core;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Migrator#adoptFlyway()} did: Flyway's history taken over into migrator's
 * ledger, or nothing because the ledger already had rows (an adoption happens once).
 *
 * @param flywayTable Flyway's history table that was adopted, quoted and qualified;
 * {@code null} when nothing was adopted
 * @param flywayRows how many rows Flyway's table has; 0 when nothing was adopted
 * @param importedRows how many ledger rows were written (Flyway's rows less its
 * {@code SCHEMA} row, which is no migration)
 * @param info the state after the adoption
 * @since 0.3.0
 */
public record AdoptResult(@Nullable String flywayTable, int flywayRows, int importedRows, InfoResult info) {

	/**
	 * Whether this call took over Flyway's history.
	 * @return {@code false} when the ledger already had rows
	 */
	public boolean adopted() {
		return this.flywayTable != null;
	}

}
