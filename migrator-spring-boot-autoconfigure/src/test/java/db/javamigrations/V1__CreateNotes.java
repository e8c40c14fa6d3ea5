package db.javamigrations;

import java.sql.Statement;

import io.migrator.core.Version;
import io.migrator.core.java.JavaMigration;
import io.migrator.core.java.JavaMigrationContext;

/**
 * A Java migration found as a class under {@code classpath:db/javamigrations}, with a
 * bean for its constructor.
 */
public class V1__CreateNotes implements JavaMigration {

	private final NoteTable table;

	public V1__CreateNotes(NoteTable table) {
		this.table = table;
	}

	@Override
	public Version version() {
		return Version.parse("1");
	}

	@Override
	public String description() {
		return "create notes";
	}

	@Override
	public void migrate(JavaMigrationContext context) throws Exception {
		try (Statement statement = context.connection().createStatement()) {
			statement.execute("CREATE TABLE " + this.table.name() + " (id int)");
		}
	}

	/**
	 * A bean the migration gets through its constructor.
	 *
	 * @param name the table to create
	 */
	public record NoteTable(String name) {

	}

}
