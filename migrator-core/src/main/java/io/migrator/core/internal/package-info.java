/**
 * The engine behind {@link io.migrator.core.Migrator}, one package per step of a command:
 * {@code script} (the catalog), {@code sql} (statements and what they need),
 * {@code lock}, {@code history} (the ledger), {@code plan}, {@code execute} and
 * {@code dialect}. Not API: everything here may change in any release; applications use
 * {@code io.migrator.core} and the {@code io.migrator.core.resolve} service interface.
 */
@NullMarked
package io.migrator.core.internal;

import org.jspecify.annotations.NullMarked;
