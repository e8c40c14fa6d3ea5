/**
 * Reading SQL scripts: splitting them into statements with PostgreSQL's lexical rules,
 * and classifying statements by how they must be executed.
 *
 * @since 0.1.0
 */
@org.jspecify.annotations.NullMarked
package io.migrator.core.sql;
