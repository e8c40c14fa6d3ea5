package io.migrator.benchmarks.tools;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import io.migrator.benchmarks.Workload;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Liquibase driven as Spring Boot's {@code SpringLiquibase} drives it: a connection from
 * the pool, the database found from it, {@code update} in a scope whose UI writes to the
 * log. The changelog has one {@code sqlFile} changeset per script, not split.
 */
final class LiquibaseTool implements MigrationTool {

	@Override
	@SuppressWarnings("deprecation")
	public void migrate(DataSource dataSource, Path workloadDir) throws Exception {
		Scope.child(Map.of(Scope.Attr.ui.name(), new LoggerUIService()), () -> {
			Connection connection = dataSource.getConnection();
			Database database = DatabaseFactory.getInstance()
				.findCorrectDatabaseImplementation(new JdbcConnection(connection));
			try (Liquibase liquibase = new Liquibase(Workload.CHANGELOG, new DirectoryResourceAccessor(workloadDir),
					database)) {
				liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
				liquibase.update(new Contexts(), new LabelExpression());
			}
		});
	}

}
