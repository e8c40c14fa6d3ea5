/**
 * Reading SQL scripts: splitting them into statements with PostgreSQL's lexical rules,
 * and classifying each statement once, by a classifier its database's dialect owns, into
 * what running it involves.
 *
 * <p>
 * Internal: not API; it may change in any release.
 */
@org.jspecify.annotations.NullMarked
package io.migrator.core.internal.sql;
