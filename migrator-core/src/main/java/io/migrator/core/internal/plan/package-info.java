/**
 * Deriving each migration's state from scripts and ledger.
 * <p>
 * Internal: not API; it may change in any release.
 */
@NullMarked
package io.migrator.core.internal.plan;

import org.jspecify.annotations.NullMarked;
