/**
 * The append-only history ledger table.
 */
@NullMarked
package io.migrator.core.history;

import org.jspecify.annotations.NullMarked;
