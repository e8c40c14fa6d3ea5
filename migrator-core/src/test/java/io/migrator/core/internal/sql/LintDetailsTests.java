package io.migrator.core.internal.sql;

import java.util.List;

import io.migrator.core.internal.sql.PostgresDetails.Setting;
import io.migrator.core.internal.sql.TableAction.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The readings the linter asks of a statement beyond its classification:
 * {@link PostgresAlterActions} and {@link PostgresDetails}.
 */
class LintDetailsTests {

	@Test
	void readsEachAlterTableSubcommand() {
		List<TableAction> actions = PostgresAlterActions.of("""
				ALTER TABLE IF EXISTS ONLY public.orders
				  ADD COLUMN IF NOT EXISTS note varchar(20) DEFAULT 'x'::text NOT NULL,
				  ADD total numeric(10, 2),
				  DROP COLUMN IF EXISTS legacy,
				  DROP CONSTRAINT c,
				  ALTER COLUMN name SET DATA TYPE character varying(200) USING name::varchar,
				  ALTER email TYPE text,
				  ALTER COLUMN email SET NOT NULL,
				  ALTER COLUMN email SET DEFAULT 'a',
				  VALIDATE CONSTRAINT fk,
				  SET (fillfactor = 70)""");
		assertThat(actions).extracting(TableAction::kind)
			.containsExactly(Kind.ADD_COLUMN, Kind.ADD_COLUMN, Kind.DROP_COLUMN, Kind.OTHER, Kind.ALTER_TYPE,
					Kind.ALTER_TYPE, Kind.SET_NOT_NULL, Kind.OTHER, Kind.VALIDATE_CONSTRAINT, Kind.OTHER);
		assertThat(actions.get(0))
			.isEqualTo(new TableAction(Kind.ADD_COLUMN, "note", "varchar(20)", "'x'::text", true, false, false, false));
		assertThat(actions.get(1).type()).isEqualTo("numeric(10,2)");
		assertThat(actions.get(1).defaultValue()).isNull();
		assertThat(actions.get(2).name()).isEqualTo("legacy");
		assertThat(actions.get(4).name()).isEqualTo("name");
		assertThat(actions.get(4).type()).isEqualTo("character varying(200)");
		assertThat(actions.get(5).type()).isEqualTo("text");
		assertThat(actions.get(6).name()).isEqualTo("email");
	}

	@Test
	void readsConstraintsWithNotValidAndUsingIndex() {
		List<TableAction> actions = PostgresAlterActions.of("""
				alter table orders
				  add constraint fk foreign key (customer_id) references customers (id) not valid,
				  add check (total > 0),
				  add constraint u unique using index orders_code_idx,
				  add primary key (id),
				  add constraint no_overlap exclude using gist (during with &&)""");
		assertThat(actions).extracting(TableAction::kind)
			.containsExactly(Kind.ADD_FOREIGN_KEY, Kind.ADD_CHECK, Kind.ADD_UNIQUE, Kind.ADD_PRIMARY_KEY,
					Kind.ADD_EXCLUSION);
		assertThat(actions).extracting(TableAction::notValid).containsExactly(true, false, false, false, false);
		assertThat(actions).extracting(TableAction::usingIndex).containsExactly(false, false, true, false, false);
	}

	@Test
	void readsRenames() {
		assertThat(PostgresAlterActions.of("ALTER TABLE t RENAME TO \"Orders\"")).singleElement()
			.isEqualTo(TableAction.of(Kind.RENAME_TABLE, "Orders"));
		assertThat(PostgresAlterActions.of("ALTER TABLE t RENAME COLUMN a TO b")).singleElement()
			.isEqualTo(TableAction.of(Kind.RENAME_COLUMN, "a"));
		assertThat(PostgresAlterActions.of("ALTER TABLE t RENAME a TO b")).singleElement()
			.isEqualTo(TableAction.of(Kind.RENAME_COLUMN, "a"));
		assertThat(PostgresAlterActions.of("ALTER TABLE t RENAME CONSTRAINT a TO b")).singleElement()
			.isEqualTo(TableAction.of(Kind.OTHER, null));
	}

	@Test
	void readsTheColumnsOfCreateTable() {
		List<TableAction> columns = PostgresAlterActions.of("""
				CREATE TABLE IF NOT EXISTS s.events (
				  id bigserial PRIMARY KEY,
				  payload json NOT NULL DEFAULT '{}',
				  at timestamp with time zone DEFAULT now(),
				  code int GENERATED ALWAYS AS IDENTITY,
				  CONSTRAINT c CHECK (id > 0),
				  LIKE other
				)""");
		assertThat(columns).hasSize(6);
		assertThat(columns.get(0))
			.isEqualTo(new TableAction(Kind.ADD_COLUMN, "id", "bigserial", null, true, false, false, false));
		assertThat(columns.get(1))
			.isEqualTo(new TableAction(Kind.ADD_COLUMN, "payload", "json", "'{}'", true, false, false, false));
		assertThat(columns.get(2).type()).isEqualTo("timestamp with time zone");
		assertThat(columns.get(2).defaultValue()).isEqualTo("now()");
		assertThat(columns.get(3).generated()).isTrue();
		assertThat(columns.subList(4, 6)).extracting(TableAction::kind).containsOnly(Kind.OTHER);
	}

	@Test
	void hasNoActionsForOtherStatements() {
		assertThat(PostgresAlterActions.of("CREATE TABLE t AS SELECT 1")).isEmpty();
		assertThat(PostgresAlterActions.of("ALTER INDEX i RENAME TO j")).isEmpty();
		assertThat(PostgresAlterActions.of("UPDATE t SET a = 1")).isEmpty();
		assertThat(PostgresAlterActions.of("ALTER TABLE ALL IN TABLESPACE a SET TABLESPACE b")).isEmpty();
	}

	@Test
	void readsTheNameOfACreatedIndex() {
		assertThat(PostgresDetails.createdIndex("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS Idx ON t (c)"))
			.isEqualTo("idx");
		assertThat(PostgresDetails.createdIndex("create index s.\"I\" on t (c)")).isEqualTo("s.I");
		assertThat(PostgresDetails.createdIndex("CREATE INDEX ON t (c)")).isNull();
		assertThat(PostgresDetails.createdIndex("CREATE TABLE t (c int)")).isNull();
	}

	@Test
	void readsSettingsOfSetAndSetConfig() {
		assertThat(PostgresDetails.settings("SET lock_timeout = 0")).containsExactly(new Setting("lock_timeout", "0"));
		assertThat(PostgresDetails.settings("set local Statement_Timeout to '5min'"))
			.containsExactly(new Setting("statement_timeout", "5min"));
		assertThat(PostgresDetails.settings("SET SESSION lock_timeout TO DEFAULT"))
			.containsExactly(new Setting("lock_timeout", "default"));
		assertThat(PostgresDetails
			.settings("SELECT set_config('lock_timeout', '10s', false), SET_CONFIG('statement_timeout', '0', true)"))
			.containsExactly(new Setting("lock_timeout", "10s"), new Setting("statement_timeout", "0"));
		assertThat(PostgresDetails.settings("SELECT 'set_config(''lock_timeout'', ''0'')'")).isEmpty();
	}

	@Test
	void tellsAnInsertFromAQuery() {
		assertThat(PostgresDetails.insertsFromQuery("INSERT INTO t (a) SELECT a FROM u")).isTrue();
		assertThat(PostgresDetails.insertsFromQuery("INSERT INTO t VALUES ((SELECT 1))")).isFalse();
		assertThat(PostgresDetails.insertsFromQuery("UPDATE t SET a = (SELECT 1)")).isFalse();
	}

}
