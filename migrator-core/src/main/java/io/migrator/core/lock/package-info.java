/**
 * The lock that serialises migrators of one history table.
 */
@NullMarked
package io.migrator.core.lock;

import org.jspecify.annotations.NullMarked;
