/**
 * Callbacks: code that runs on the migration connection before and after a run and each
 * of its scripts, as Flyway's callbacks do. A {@link io.migrator.core.callback.Callback}
 * is registered with {@code MigratorConfig.Builder.callback}; SQL callbacks are scripts
 * named after an {@link io.migrator.core.callback.Event} in the script locations
 * ({@code afterMigrate.sql}, {@code afterMigrate__grants.sql}).
 *
 * @since 0.3.0
 */
@org.jspecify.annotations.NullMarked
package io.migrator.core.callback;
