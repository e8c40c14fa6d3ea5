/**
 * The lock that serialises migrators of one history table.
 * <p>
 * Internal: not API; it may change in any release.
 */
@NullMarked
package io.migrator.core.internal.lock;

import org.jspecify.annotations.NullMarked;
