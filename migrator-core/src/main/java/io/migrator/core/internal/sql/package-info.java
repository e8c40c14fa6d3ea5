/**
 * Reading SQL scripts: splitting them into statements with PostgreSQL's lexical rules,
 * and classifying statements by how they must be executed.
 *
 * @since 0.1.0
 * <p>
 * Internal: not API; it may change in any release.
 */
@org.jspecify.annotations.NullMarked
package io.migrator.core.internal.sql;
