/**
 * The results of the safety lint: which statements of the pending scripts lock hot tables
 * or break the running version, each with the safer way to write it.
 *
 * @since 0.2.0
 */
@org.jspecify.annotations.NullMarked
package io.migrator.core.lint;
