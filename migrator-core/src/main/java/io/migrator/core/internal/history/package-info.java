/**
 * The append-only history ledger table.
 * <p>
 * Internal: not API; it may change in any release.
 */
@NullMarked
package io.migrator.core.internal.history;

import org.jspecify.annotations.NullMarked;
