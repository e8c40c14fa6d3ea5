/**
 * Finding scripts, parsing their names, reading them as normalised UTF-8 and checksumming
 * them.
 */
@NullMarked
package io.migrator.core.resolve;

import org.jspecify.annotations.NullMarked;
