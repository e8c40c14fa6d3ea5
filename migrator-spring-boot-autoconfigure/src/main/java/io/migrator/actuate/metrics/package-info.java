/**
 * Micrometer meters and observations of migration runs.
 */
@NullMarked
package io.migrator.actuate.metrics;

import org.jspecify.annotations.NullMarked;
