/**
 * Running scripts with their ledger rows, in or out of a transaction.
 * <p>
 * Internal: not API; it may change in any release.
 */
@NullMarked
package io.migrator.core.internal.execute;

import org.jspecify.annotations.NullMarked;
