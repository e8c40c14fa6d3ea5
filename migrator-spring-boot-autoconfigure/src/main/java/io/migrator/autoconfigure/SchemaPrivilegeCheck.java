package io.migrator.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;

/**
 * With separate migration credentials, checks once, right after the schema is current,
 * whether the application's own database user could still change the schema: on
 * PostgreSQL, whether it is a superuser, may CREATE in its current schema, or owns
 * (directly or through a role) a relation there; on MySQL and MariaDB, whether it has
 * CREATE, ALTER or DROP on all databases or on its current one. It should not; the answer
 * goes to the health details and, when it can, to a warning in the log. One query, once,
 * never on a probe.
 *
 * @since 0.1.0
 */
public class SchemaPrivilegeCheck implements ApplicationRunner, Ordered {

	private static final Log logger = LogFactory.getLog(SchemaPrivilegeCheck.class);

	private static final String QUERY = """
			SELECT r.rolsuper
			    OR has_schema_privilege(current_schema(), 'CREATE')
			    OR EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
			               WHERE n.nspname = current_schema() AND pg_has_role(c.relowner, 'USAGE'))
			FROM pg_roles r WHERE r.rolname = current_user
			""";

	/**
	 * MySQL and MariaDB: whether the user may CREATE, ALTER or DROP, on every database or
	 * on the current one (grants to wildcard database names are not matched).
	 */
	private static final String MYSQL_QUERY = """
			SELECT COUNT(*) > 0 FROM (
			    SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = %1$s
			    UNION ALL
			    SELECT PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES
			    WHERE GRANTEE = %1$s AND TABLE_SCHEMA = DATABASE()
			) p WHERE PRIVILEGE_TYPE IN ('CREATE', 'ALTER', 'DROP')
			""".formatted("CONCAT('''', SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''',"
			+ " SUBSTRING_INDEX(CURRENT_USER(), '@', -1), '''')");

	private final DataSource applicationDataSource;

	private final MigrationStatus status;

	public SchemaPrivilegeCheck(DataSource applicationDataSource, MigrationStatus status) {
		this.applicationDataSource = applicationDataSource;
		this.status = status;
	}

	@Override
	public void run(ApplicationArguments args) {
		try (Connection connection = this.applicationDataSource.getConnection()) {
			String query = switch (connection.getMetaData().getDatabaseProductName()) {
				case "PostgreSQL" -> QUERY;
				case "MySQL", "MariaDB" -> MYSQL_QUERY;
				default -> null;
			};
			if (query == null) {
				return;
			}
			try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
				boolean canChange = result.next() && result.getBoolean(1);
				this.status.appUserCanChangeSchema(canChange);
				if (canChange) {
					logger.warn("The application's database user '" + connection.getMetaData().getUserName()
							+ "' can change the schema (it may create in it, owns tables in it, or is a superuser),"
							+ " although migrations use their own credentials. Give the application a role that can"
							+ " only read and write data (see sample-app/k8s/roles.sql, or mariadb-users.sql)");
				}
			}
		}
		catch (SQLException ex) {
			// A nicety: never fail a start that migrated fine because this check could
			// not run.
			logger.debug("Cannot check the application user's schema privileges", ex);
		}
	}

	@Override
	public int getOrder() {
		// Right after the migration runner, before readiness.
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

}
