/**
 * What differs between PostgreSQL and H2.
 * <p>
 * Internal: not API; it may change in any release.
 */
@NullMarked
package io.migrator.core.internal.dialect;

import org.jspecify.annotations.NullMarked;
