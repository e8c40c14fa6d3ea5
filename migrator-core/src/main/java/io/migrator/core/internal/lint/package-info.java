/**
 * The safety lint's engine: reads the scripts of a run as the runner will run them, knows
 * which tables are new and which are in use, and reports the statements that lock hot
 * tables or break the running version.
 *
 * @since 0.2.0
 * <p>
 * Internal: not API; it may change in any release.
 */
@org.jspecify.annotations.NullMarked
package io.migrator.core.internal.lint;
