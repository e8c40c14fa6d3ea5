/**
 * Spring AOT and native image support: the runtime hints for the scripts under the
 * configured locations and for the Java migrations found in them.
 */
@NullMarked
package io.migrator.autoconfigure.aot;

import org.jspecify.annotations.NullMarked;
