/**
 * Deriving each migration's state from scripts and ledger.
 */
@NullMarked
package io.migrator.core.plan;

import org.jspecify.annotations.NullMarked;
