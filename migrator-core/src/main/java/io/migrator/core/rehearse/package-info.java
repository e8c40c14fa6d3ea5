/**
 * The rehearsal: every versioned script applied to a scratch database, each undo script
 * checked to restore the schema exactly as it was, and the locks each script holds on
 * tables that existed before it.
 *
 * @since 0.3.0
 */
@org.jspecify.annotations.NullMarked
package io.migrator.core.rehearse;
