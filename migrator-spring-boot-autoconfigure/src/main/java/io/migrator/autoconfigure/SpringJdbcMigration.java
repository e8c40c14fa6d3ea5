package io.migrator.autoconfigure;

import io.migrator.core.java.JavaMigration;
import io.migrator.core.java.JavaMigrationContext;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A {@link JavaMigration} that works through a {@link JdbcTemplate} on the migration
 * connection, in the migration's transaction, as Flyway's Spring JDBC migrations do.
 * Declare it as a bean (or register it with {@code MigratorConfigCustomizer}) and it runs
 * in version order with the scripts.
 *
 * @since 0.3.0
 */
public abstract class SpringJdbcMigration implements JavaMigration {

	@Override
	public final void migrate(JavaMigrationContext context) throws Exception {
		migrate(jdbcTemplate(context));
	}

	/**
	 * Apply the migration.
	 * @param jdbcTemplate a template on the migration connection, in the migration's
	 * transaction
	 * @throws Exception to fail the migration; its transaction rolls back
	 */
	protected abstract void migrate(JdbcTemplate jdbcTemplate) throws Exception;

	@Override
	public final void undo(JavaMigrationContext context) throws Exception {
		undo(jdbcTemplate(context));
	}

	/**
	 * Revert the migration; override it together with {@link #canUndo()}.
	 * @param jdbcTemplate a template on the migration connection, in the undo's
	 * transaction
	 * @throws Exception to fail the undo; its transaction rolls back
	 */
	protected void undo(JdbcTemplate jdbcTemplate) throws Exception {
		throw new UnsupportedOperationException(getClass().getName() + " cannot be undone");
	}

	/**
	 * The template never closes the migration connection nor changes its auto-commit.
	 */
	private static JdbcTemplate jdbcTemplate(JavaMigrationContext context) {
		return new JdbcTemplate(new SingleConnectionDataSource(context.connection(), true));
	}

}
