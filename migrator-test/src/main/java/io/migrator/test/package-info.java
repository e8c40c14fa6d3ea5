/**
 * Test helpers for a project's own suite: check its migration scripts with the safety
 * lint, without a database.
 *
 * @since 0.2.0
 */
@NullMarked
package io.migrator.test;

import org.jspecify.annotations.NullMarked;
