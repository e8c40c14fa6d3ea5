/**
 * Adopting a database that Flyway migrated: Flyway's checksum, its history table, and how
 * each of its rows becomes a row of migrator's ledger. Flyway's table is only ever read.
 * <p>
 * Internal: not API; it may change in any release.
 */
@NullMarked
package io.migrator.core.internal.flyway;

import org.jspecify.annotations.NullMarked;
