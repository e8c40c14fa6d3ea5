package io.migrator.core.java;

import java.sql.Connection;

/**
 * What a Java migration runs with.
 *
 * @param connection the migration connection, in the migration's transaction: do not
 * commit, roll back, change auto-commit or close it
 * @since 0.3.0
 */
public record JavaMigrationContext(Connection connection) {

}
