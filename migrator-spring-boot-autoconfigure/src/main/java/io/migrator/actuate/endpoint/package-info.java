/**
 * The read-only {@code migrator} actuator endpoint.
 */
@NullMarked
package io.migrator.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
