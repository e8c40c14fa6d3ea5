/**
 * The migration engine's public API: {@link io.migrator.core.Migrator}, its immutable
 * {@link io.migrator.core.MigratorConfig}, results, listeners and
 * {@link io.migrator.core.MigrationException}.
 */
@NullMarked
package io.migrator.core;

import org.jspecify.annotations.NullMarked;
