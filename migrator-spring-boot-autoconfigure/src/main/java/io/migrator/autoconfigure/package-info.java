/**
 * Auto-configuration for migrator: properties, the migration data source, the startup
 * runner and job mode.
 */
@NullMarked
package io.migrator.autoconfigure;

import org.jspecify.annotations.NullMarked;
