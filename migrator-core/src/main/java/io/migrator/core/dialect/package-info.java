/**
 * What differs between PostgreSQL and H2.
 */
@NullMarked
package io.migrator.core.dialect;

import org.jspecify.annotations.NullMarked;
