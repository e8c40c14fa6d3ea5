/**
 * Running scripts with their ledger rows, in or out of a transaction.
 */
@NullMarked
package io.migrator.core.execute;

import org.jspecify.annotations.NullMarked;
