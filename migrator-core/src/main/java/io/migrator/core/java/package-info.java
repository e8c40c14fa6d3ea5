/**
 * Java migrations: versioned migrations written as code rather than SQL, run by the
 * engine in order with the SQL scripts, each in a transaction on the migration connection
 * with its ledger row. Register them with {@code MigratorConfig.Builder.javaMigration};
 * the Spring Boot integration registers every {@link io.migrator.core.java.JavaMigration}
 * bean.
 *
 * @since 0.3.0
 */
@org.jspecify.annotations.NullMarked
package io.migrator.core.java;
