/**
 * The four tools, each driven the way an application that starts would drive it.
 */
@NullMarked
package io.migrator.benchmarks.tools;

import org.jspecify.annotations.NullMarked;
