package io.migrator.core.internal.rehearse;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.migrator.core.testsupport.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader's incremental reads see every change a full read sees: after each kind of
 * DDL, the schema it keeps equals one read from scratch.
 */
class SchemaReaderTests {

	private static final String LEDGER = "migrator_schema_history";

	private PostgresTestDatabase database;

	private Connection connection;

	@BeforeEach
	void createSchema() throws SQLException {
		this.database = PostgresTestDatabase.create();
		this.connection = this.database.dataSource().getConnection();
		execute("CREATE TABLE migrator_schema_history (id int)");
		execute("CREATE TABLE orders (id bigint PRIMARY KEY, status text DEFAULT 'new', note text,"
				+ " CHECK (status <> ''))");
		execute("CREATE TABLE lines (id bigint, order_id bigint REFERENCES orders)");
		execute("CREATE INDEX orders_status_idx ON orders (status)");
		execute("CREATE VIEW open_orders AS SELECT id, status FROM orders");
		execute("CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$");
		execute("CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch()");
		execute("CREATE TYPE mood AS ENUM ('happy')");
		execute("CREATE DOMAIN positive AS int CHECK (VALUE > 0)");
		execute("CREATE SEQUENCE numbers");
		execute("CREATE TYPE pair AS (a int, b int)");
	}

	@AfterEach
	void dropDatabase() throws SQLException {
		this.connection.close();
		this.database.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "DROP INDEX orders_status_idx", "CREATE INDEX orders_note_idx ON orders (note)",
			"ALTER TABLE orders ALTER COLUMN status DROP DEFAULT",
			"ALTER TABLE orders ALTER COLUMN note SET DEFAULT 'x'", "ALTER TABLE orders DROP COLUMN note",
			"ALTER TABLE orders ADD COLUMN total numeric DEFAULT 0",
			"ALTER TABLE lines DROP CONSTRAINT lines_order_id_fkey",
			"ALTER TABLE orders DROP CONSTRAINT orders_status_check", "DROP TRIGGER orders_touch ON orders",
			"DROP VIEW open_orders", "CREATE OR REPLACE VIEW open_orders AS SELECT id, status, note FROM orders",
			"CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$",
			"DROP TABLE lines", "ALTER TYPE mood ADD VALUE 'sad'", "ALTER DOMAIN positive ADD CHECK (VALUE < 100)",
			"ALTER SEQUENCE numbers INCREMENT BY 5", "ALTER SEQUENCE numbers OWNED BY orders.id",
			"ALTER TYPE pair ADD ATTRIBUTE c int", "CREATE SCHEMA app",
			"ALTER INDEX orders_status_idx RENAME TO by_status",
			"ALTER TABLE orders ALTER COLUMN note TYPE varchar(20)",
			"ALTER TABLE orders ALTER COLUMN note SET NOT NULL", "COMMENT ON TABLE orders IS 'not compared'",
			"INSERT INTO orders (id) VALUES (1)" })
	void anIncrementalReadEqualsAFullOne(String ddl) throws SQLException {
		SchemaReader noted = SchemaReader.start(this.connection, LEDGER, true);
		SchemaReader listing = SchemaReader.start(this.connection, LEDGER, false);
		assertThat(noted.usesEventTriggers()).as("the test role is a superuser").isTrue();
		assertThat(listing.usesEventTriggers()).isFalse();
		SchemaSnapshot before = noted.read();
		assertThat(listing.read().differencesFrom(before)).isEmpty();

		execute(ddl);

		SchemaSnapshot full = SchemaReader.start(this.connection, LEDGER, false).read();
		assertThat(noted.read().differencesFrom(full)).as("with event triggers after " + ddl).isEmpty();
		assertThat(listing.read().differencesFrom(full)).as("listing catalog rows after " + ddl).isEmpty();
		boolean invisible = ddl.startsWith("COMMENT") || ddl.startsWith("INSERT");
		assertThat(full.differencesFrom(before).isEmpty()).as(ddl + " shows").isEqualTo(invisible);
	}

	@Test
	void severalChangesInOneTransactionAreAllSeen() throws SQLException {
		SchemaReader reader = SchemaReader.start(this.connection, LEDGER, true);
		SchemaReader listing = SchemaReader.start(this.connection, LEDGER, false);
		this.connection.setAutoCommit(false);
		execute("DROP INDEX orders_status_idx");
		execute("CREATE TABLE audit (id bigint)");
		execute("ALTER TABLE orders ADD COLUMN total numeric");
		this.connection.commit();
		this.connection.setAutoCommit(true);

		SchemaSnapshot full = SchemaReader.start(this.connection, LEDGER, false).read();
		assertThat(reader.read().differencesFrom(full)).isEmpty();
		assertThat(listing.read().differencesFrom(full)).isEmpty();
	}

	@Test
	void aDroppedTableTakesItsIndexesConstraintsAndTriggersWithIt() throws SQLException {
		SchemaReader reader = SchemaReader.start(this.connection, LEDGER, true);
		execute("DROP TABLE orders CASCADE");
		SchemaSnapshot full = SchemaReader.start(this.connection, LEDGER, false).read();
		assertThat(reader.read().differencesFrom(full)).isEmpty();
	}

	@Test
	void theLedgerIsLeftOut() throws SQLException {
		SchemaReader reader = SchemaReader.start(this.connection, LEDGER);
		SchemaSnapshot before = reader.read();
		execute("ALTER TABLE migrator_schema_history ADD COLUMN extra int");
		assertThat(reader.read().differencesFrom(before)).isEmpty();
	}

	private void execute(String sql) throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
