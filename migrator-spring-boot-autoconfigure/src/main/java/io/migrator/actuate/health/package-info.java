/**
 * Health of the schema as the migrator last saw it, and its place in the readiness group.
 */
@NullMarked
package io.migrator.actuate.health;

import org.jspecify.annotations.NullMarked;
