/**
 * The scripts of a run: the catalog found under the locations, their names, their text as
 * normalised UTF-8 and their checksums. Internal: not API, may change in any release.
 */
@NullMarked
package io.migrator.core.internal.script;

import org.jspecify.annotations.NullMarked;
