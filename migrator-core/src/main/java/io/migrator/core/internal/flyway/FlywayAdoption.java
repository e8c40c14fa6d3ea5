package io.migrator.core.internal.flyway;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationType;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.execute.Directives;
import io.migrator.core.internal.execute.Placeholders;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.history.HistoryTable;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import org.jspecify.annotations.Nullable;

/**
 * What a command that writes does, under the lock, when migrator's ledger is absent (or
 * empty) and Flyway's history is there:
 * <ol>
 * <li>no Flyway table, or an empty one: nothing, the ledger starts empty as ever;</li>
 * <li>adoption not enabled: refuse, rather than run every script again on a schema that
 * has them, and say how to adopt;</li>
 * <li>otherwise map every Flyway row ({@link FlywayImport}), refusing with the list of
 * rows that cannot be taken over, then create the ledger and write the rows in one
 * transaction. Flyway's table is only read.</li>
 * </ol>
 * Run again with the ledger present, it is never asked: adoption happens once.
 */
public final class FlywayAdoption {

	private final Dialect dialect;

	private final @Nullable String schema;

	private final String table;

	private final Function<Script, List<Integer>> checksums;

	/**
	 * @param dialect the database's dialect
	 * @param schema Flyway's table's schema, {@code null} for the connection's current
	 * schema
	 * @param table Flyway's table's name
	 * @param placeholders the run's placeholders, which Flyway replaced before it
	 * checksummed a repeatable script
	 */
	public FlywayAdoption(Dialect dialect, @Nullable String schema, String table, Placeholders placeholders) {
		this.dialect = dialect;
		this.schema = schema;
		this.table = table;
		this.checksums = (script) -> checksums(script, placeholders);
	}

	/**
	 * Adopt Flyway's history into an absent or empty ledger, if there is one.
	 * @param connection the migration connection, in auto-commit mode, under the lock
	 * @param ledger migrator's history table
	 * @param catalog the scripts shipped
	 * @param enabled whether adoption is enabled; if not, a Flyway history refuses
	 * @param installedBy recorded where a Flyway row names nobody
	 * @return what was adopted, or {@code null} when there is no Flyway history
	 * @throws MigrationException with reason {@code CONFIGURATION} when adoption is not
	 * enabled, {@code VALIDATION} when a row cannot be adopted
	 * @throws SQLException if the database fails; nothing was written
	 */
	public @Nullable Adopted adopt(Connection connection, HistoryTable ledger, ScriptCatalog catalog, boolean enabled,
			String installedBy) throws SQLException {
		FlywayHistory flyway = new FlywayHistory(this.dialect,
				(this.schema != null) ? this.schema : this.dialect.currentSchema(connection), this.table);
		List<FlywayRow> rows = flyway.read(connection);
		if (rows == null || rows.isEmpty()) {
			return null;
		}
		if (!enabled) {
			throw new MigrationException(Reason.CONFIGURATION, "Found Flyway's history " + flyway.qualifiedName() + " ("
					+ rows.size() + " rows) and no migrator history " + ledger.qualifiedName()
					+ ": this database was migrated by Flyway. Nothing was run, so no script is applied a second time."
					+ " Adopt Flyway's history once with migrator.flyway.adopt=true (then the next start imports it"
					+ " and goes on), or run the job command migrator.command=adopt-flyway");
		}
		List<HistoryRow> imported = new FlywayImport(catalog, this.checksums, installedBy).map(rows,
				flyway.qualifiedName());
		write(connection, ledger, imported);
		return new Adopted(flyway.qualifiedName(), rows.size(), imported);
	}

	/**
	 * Create the ledger and write every row in one transaction: either all of Flyway's
	 * history is there, or none of it.
	 */
	private static void write(Connection connection, HistoryTable ledger, List<HistoryRow> rows) throws SQLException {
		connection.setAutoCommit(false);
		try {
			ledger.create(connection);
			for (HistoryRow row : rows) {
				ledger.append(connection, row);
			}
			connection.commit();
		}
		catch (SQLException | RuntimeException ex) {
			try {
				connection.rollback();
			}
			catch (SQLException rollback) {
				ex.addSuppressed(rollback);
			}
			throw ex;
		}
		finally {
			connection.setAutoCommit(true);
		}
	}

	/**
	 * The checksums Flyway may have recorded for a script: of its text, and for a
	 * repeatable script with placeholders, of the text with them replaced (Flyway's
	 * checksum of a repeatable script is of that, so a new value applies it again).
	 */
	private static List<Integer> checksums(Script script, Placeholders placeholders) {
		int checksum = FlywayChecksum.of(script.resource());
		String text = (script.type() == MigrationType.REPEATABLE) ? script.text() : null;
		if (text == null || !placeholders.appliesTo(Directives.NONE)) {
			return List.of(checksum);
		}
		try {
			return List.of(checksum,
					FlywayChecksum.of(placeholders.replace(text, script.fileName(), script.resource().location())));
		}
		catch (MigrationException ex) {
			// A placeholder without a value here: Flyway had one, so its checksum cannot
			// be made again; the script is applied again, and fails then, saying so.
			return List.of(checksum);
		}
	}

	/**
	 * What an adoption took over.
	 *
	 * @param table Flyway's table, quoted and qualified
	 * @param flywayRows how many rows it has
	 * @param rows the ledger rows written
	 */
	public record Adopted(String table, int flywayRows, List<HistoryRow> rows) {

	}

}
