package io.migrator.core.internal.rehearse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a database's schema into a {@link SchemaSnapshot}, then keeps it current after
 * each script at a cost that grows with what the script changed, not with the schema:
 * <ol>
 * <li>the first read describes every object (one statement: each kind's definition as
 * PostgreSQL prints it);</li>
 * <li>each later read lists the catalog rows of the user's schemas, without printing
 * anything, and finds the objects that own a row written since the last read (its
 * {@code xmin} is newer than the transaction id taken then) or that lost one (an index, a
 * constraint, a trigger, a default dropped);</li>
 * <li>only those objects are described again.</li>
 * </ol>
 * An object's entries (a table's columns, constraints, indexes and triggers) belong to
 * the object that owns them. A definition that merely names another object (a view
 * reading a column that a later script renames) is described again when the view itself
 * changes; the rename shows on the renamed object's own entry, on both sides of every
 * comparison.
 */
public final class SchemaReader {

	/** Where the reader keeps what the event triggers note: left out of every read. */
	static final String NOTES = "migrator_rehearsal";

	static final String USER_SCHEMA = "n.nspname NOT IN ('pg_catalog', 'information_schema', '" + NOTES + "')"
			+ " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'";

	/**
	 * Event triggers that note every object a DDL command creates, changes or drops, so a
	 * read after a script asks the catalog about those alone. Only a superuser may create
	 * them; without them each read lists the catalog rows instead.
	 */
	private static final List<String> INSTALL_NOTES = List.of("CREATE SCHEMA " + NOTES,
			"CREATE TABLE " + NOTES + ".touched (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
					+ " classid oid NOT NULL, objid oid NOT NULL)",
			"CREATE FUNCTION " + NOTES + ".note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN"
					+ " INSERT INTO " + NOTES
					+ ".touched (classid, objid) SELECT classid, objid FROM pg_event_trigger_ddl_commands();"
					+ " END $$",
			"CREATE FUNCTION " + NOTES + ".note_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN"
					+ " INSERT INTO " + NOTES
					+ ".touched (classid, objid) SELECT classid, objid FROM pg_event_trigger_dropped_objects();"
					+ " END $$",
			"CREATE EVENT TRIGGER migrator_rehearsal_ddl ON ddl_command_end EXECUTE FUNCTION " + NOTES + ".note_ddl()",
			"CREATE EVENT TRIGGER migrator_rehearsal_drop ON sql_drop EXECUTE FUNCTION " + NOTES + ".note_drop()");

	/**
	 * The objects noted since the last read, each with the object its entries belong to
	 * ({@code null} when it no longer exists), and the last note's id. Notes are only
	 * appended: deleting them would leave dead rows that every read scans again.
	 */
	private static final String TOUCHED = "WITH t AS (SELECT id, classid, objid FROM " + NOTES
			+ ".touched WHERE id > ?)" + " SELECT DISTINCT t.objid::bigint, (CASE t.classid"
			+ " WHEN 'pg_class'::regclass THEN (SELECT CASE WHEN c.relkind IN ('i', 'I') THEN (SELECT i.indrelid"
			+ " FROM pg_index i WHERE i.indexrelid = c.oid) WHEN c.relkind = 'c' THEN c.reltype ELSE c.oid END"
			+ " FROM pg_class c WHERE c.oid = t.objid)"
			+ " WHEN 'pg_constraint'::regclass THEN (SELECT CASE WHEN con.conrelid <> 0 THEN con.conrelid"
			+ " ELSE con.contypid END FROM pg_constraint con WHERE con.oid = t.objid)"
			+ " WHEN 'pg_trigger'::regclass THEN (SELECT tg.tgrelid FROM pg_trigger tg WHERE tg.oid = t.objid)"
			+ " WHEN 'pg_attrdef'::regclass THEN (SELECT d.adrelid FROM pg_attrdef d WHERE d.oid = t.objid)"
			+ " WHEN 'pg_rewrite'::regclass THEN (SELECT r.ev_class FROM pg_rewrite r WHERE r.oid = t.objid)"
			+ " ELSE t.objid END)::bigint, (SELECT max(id) FROM t) FROM t";

	private static final List<Branch> BRANCHES = List.of(
			// schemas
			new Branch("pg_namespace", "n.oid",
					"SELECT 'schema'::text, n.nspname::text, ''::text FROM pg_namespace n WHERE " + USER_SCHEMA),
			// tables
			new Branch("pg_class", "c.oid", "SELECT 'table', quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
					+ " concat_ws(' ', CASE c.relpersistence WHEN 'u' THEN 'unlogged' END,"
					+ " CASE WHEN c.relkind = 'p' THEN 'partitioned by ' || pg_get_partkeydef(c.oid) END,"
					+ " CASE WHEN c.relispartition THEN 'partition ' || pg_get_expr(c.relpartbound, c.oid) END,"
					+ " CASE WHEN c.relkind = 'f' THEN 'foreign' END,"
					+ " CASE WHEN c.relrowsecurity THEN 'row level security' END,"
					+ " CASE WHEN c.reloptions IS NOT NULL THEN 'with ' || array_to_string(c.reloptions, ', ') END)"
					+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA
					+ " AND c.relkind IN ('r', 'p', 'f') AND c.oid <> (SELECT oid FROM ledger)"),
			// columns of tables
			new Branch("pg_class", "c.oid",
					"SELECT 'column', quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(a.attname),"
							+ " concat_ws(' ', format_type(a.atttypid, a.atttypmod),"
							+ " CASE WHEN a.attcollation <> t.typcollation THEN 'collate ' || co.collname END,"
							+ " CASE WHEN a.attnotnull THEN 'not null' END,"
							+ " CASE a.attidentity WHEN 'a' THEN 'generated always as identity'"
							+ " WHEN 'd' THEN 'generated by default as identity' END,"
							+ " CASE WHEN a.attgenerated = 's' THEN 'generated always as (' || pg_get_expr(d.adbin, d.adrelid)"
							+ " || ') stored' WHEN d.adbin IS NOT NULL THEN 'default ' || pg_get_expr(d.adbin, d.adrelid) END)"
							+ " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
							+ " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid"
							+ " LEFT JOIN pg_collation co ON co.oid = a.attcollation"
							+ " LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE "
							+ USER_SCHEMA
							+ " AND c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND c.oid <> (SELECT oid FROM ledger)"),
			// constraints of tables
			new Branch("pg_class", "c.oid", "con.oid",
					"SELECT 'constraint', quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.'"
							+ " || quote_ident(con.conname), pg_get_constraintdef(con.oid, true)"
							+ " FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid"
							+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA
							+ " AND c.oid <> (SELECT oid FROM ledger)"),
			// indexes
			new Branch("pg_class", "i.indrelid", "ci.oid",
					"SELECT 'index', quote_ident(n.nspname) || '.' || quote_ident(ci.relname),"
							+ " pg_get_indexdef(ci.oid) || CASE WHEN i.indisvalid THEN '' ELSE ' (INVALID)' END"
							+ " FROM pg_index i JOIN pg_class ci ON ci.oid = i.indexrelid"
							+ " JOIN pg_namespace n ON n.oid = ci.relnamespace WHERE " + USER_SCHEMA
							+ " AND i.indrelid <> (SELECT oid FROM ledger)"),
			// views and materialized views, with their columns in order
			new Branch("pg_class", "c.oid",
					"SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END,"
							+ " quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
							+ " 'columns (' || (SELECT string_agg(quote_ident(a.attname) || ' '"
							+ " || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) FROM pg_attribute a"
							+ " WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) || ') as '"
							+ " || pg_get_viewdef(c.oid, true)"
							+ " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA
							+ " AND c.relkind IN ('v', 'm')"),
			// sequences, with the column that owns them
			new Branch("pg_class", "c.oid",
					"SELECT 'sequence', quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
							+ " concat_ws(' ', 'as ' || format_type(s.seqtypid, NULL), 'start ' || s.seqstart,"
							+ " 'increment ' || s.seqincrement, 'min ' || s.seqmin, 'max ' || s.seqmax, 'cache ' || s.seqcache,"
							+ " CASE WHEN s.seqcycle THEN 'cycle' END, (SELECT 'owned by ' || d.refobjid::regclass || '.'"
							+ " || quote_ident(a.attname) FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid"
							+ " AND a.attnum = d.refobjsubid WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
							+ " AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') LIMIT 1))"
							+ " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
							+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA
							+ " AND NOT EXISTS (SELECT 1 FROM pg_depend o WHERE o.classid = 'pg_class'::regclass"
							+ " AND o.objid = c.oid AND o.refobjid = (SELECT oid FROM ledger) AND o.refclassid = 'pg_class'::regclass)"),
			// functions, procedures and aggregates
			new Branch("pg_proc", "p.oid",
					"SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,"
							+ " quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '('"
							+ " || pg_get_function_identity_arguments(p.oid) || ')',"
							+ " CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid)"
							+ " ELSE 'returns ' || pg_get_function_result(p.oid) END"
							+ " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + USER_SCHEMA
							+ " AND p.prokind IN ('f', 'p', 'a')"),
			// triggers
			new Branch("pg_class", "c.oid", "t.oid",
					"SELECT 'trigger', quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.'"
							+ " || quote_ident(t.tgname), pg_get_triggerdef(t.oid, true)"
							+ " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
							+ " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " + USER_SCHEMA
							+ " AND NOT t.tgisinternal"),
			// enums, domains, composite and range types
			new Branch("pg_type", "t.oid", "SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END,"
					+ " quote_ident(n.nspname) || '.' || quote_ident(t.typname), CASE t.typtype"
					+ " WHEN 'e' THEN 'enum (' || (SELECT string_agg(quote_literal(e.enumlabel), ', '"
					+ " ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'"
					+ " WHEN 'd' THEN concat_ws(' ', format_type(t.typbasetype, t.typtypmod),"
					+ " CASE WHEN t.typnotnull THEN 'not null' END, 'default ' || t.typdefault,"
					+ " (SELECT string_agg(quote_ident(con.conname) || ' ' || pg_get_constraintdef(con.oid, true), ', '"
					+ " ORDER BY con.conname) FROM pg_constraint con WHERE con.contypid = t.oid))"
					+ " WHEN 'c' THEN 'composite (' || (SELECT string_agg(quote_ident(a.attname) || ' '"
					+ " || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) FROM pg_attribute a"
					+ " WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) || ')'"
					+ " ELSE 'range of ' || (SELECT format_type(r.rngsubtype, NULL) FROM pg_range r"
					+ " WHERE r.rngtypid = t.oid) END"
					+ " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE " + USER_SCHEMA
					+ " AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c'"
					+ " AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))"),
			// extensions
			new Branch("pg_extension", "x.oid",
					"SELECT 'extension', x.extname, 'version ' || x.extversion || ' in schema ' || n.nspname"
							+ " FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace WHERE true"));

	private static final String PREFIX = "WITH ledger AS (SELECT coalesce(to_regclass(?)::oid, 0) AS oid),"
			+ " wanted AS (SELECT unnest(?::text::oid[]) AS oid)";

	private static final String DESCRIBE_ALL = PREFIX
			+ ", extension_member AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e') "
			+ BRANCHES.stream().map((branch) -> branch.sql(false)).collect(Collectors.joining(" UNION ALL "));

	private static final String DESCRIBE_WANTED = PREFIX + " "
			+ BRANCHES.stream().map((branch) -> branch.sql(true)).collect(Collectors.joining(" UNION ALL "));

	/**
	 * Every catalog row of the user's schemas that an entry is made of: its owner, its
	 * own id (to see it vanish) and whether it was written since the watermark.
	 */
	private static final String ROWS = "WITH user_namespace AS (SELECT n.oid FROM pg_namespace n WHERE " + USER_SCHEMA
			+ "), user_class AS (SELECT c.oid, c.relkind, c.reltype, c.xmin FROM pg_class c"
			+ " WHERE c.relnamespace IN (SELECT oid FROM user_namespace)), since AS (SELECT age(?::text::xid) AS age)"
			+ " SELECT owner, id, age(written) < (SELECT age FROM since) FROM ("
			+ " SELECT CASE c.relkind WHEN 'c' THEN c.reltype WHEN 'i' THEN i.indrelid WHEN 'I' THEN i.indrelid"
			+ " ELSE c.oid END AS owner, c.oid AS id, c.xmin AS written FROM user_class c"
			+ " LEFT JOIN pg_index i ON i.indexrelid = c.oid"
			+ " UNION ALL SELECT i.indrelid, i.indexrelid, i.xmin FROM pg_index i"
			+ " WHERE i.indrelid IN (SELECT oid FROM user_class)"
			+ " UNION ALL SELECT CASE c.relkind WHEN 'c' THEN c.reltype ELSE c.oid END, 0, a.xmin"
			+ " FROM pg_attribute a JOIN user_class c ON c.oid = a.attrelid WHERE a.attnum > 0"
			+ " AND c.relkind NOT IN ('i', 'I')"
			+ " UNION ALL SELECT d.adrelid, d.oid, d.xmin FROM pg_attrdef d WHERE d.adrelid IN (SELECT oid FROM user_class)"
			+ " UNION ALL SELECT CASE WHEN con.conrelid <> 0 THEN con.conrelid ELSE con.contypid END, con.oid, con.xmin"
			+ " FROM pg_constraint con WHERE con.connamespace IN (SELECT oid FROM user_namespace)"
			+ " UNION ALL SELECT t.tgrelid, t.oid, t.xmin FROM pg_trigger t WHERE t.tgrelid IN (SELECT oid FROM user_class)"
			+ " UNION ALL SELECT r.ev_class, r.oid, r.xmin FROM pg_rewrite r"
			+ " WHERE r.ev_class IN (SELECT oid FROM user_class)"
			+ " UNION ALL SELECT s.seqrelid, 0, s.xmin FROM pg_sequence s WHERE s.seqrelid IN (SELECT oid FROM user_class)"
			+ " UNION ALL SELECT d.objid, 0, d.xmin FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
			+ " AND d.objid IN (SELECT oid FROM user_class)"
			+ " UNION ALL SELECT p.oid, p.oid, p.xmin FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM user_namespace)"
			+ " UNION ALL SELECT t.oid, t.oid, t.xmin FROM pg_type t WHERE t.typnamespace IN (SELECT oid FROM user_namespace)"
			+ " UNION ALL SELECT e.enumtypid, e.oid, e.xmin FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid"
			+ " WHERE t.typnamespace IN (SELECT oid FROM user_namespace)"
			+ " UNION ALL SELECT oid, oid, xmin FROM pg_namespace WHERE oid IN (SELECT oid FROM user_namespace)"
			+ " UNION ALL SELECT oid, oid, xmin FROM pg_extension) catalog_row";

	/** A transaction id after everything read so far: rows written later are newer. */
	private static final String FROZEN = "2";

	private static final String WATERMARK = "SELECT (txid_current() % 4294967296)::text";

	private final Connection connection;

	private final String ledger;

	private final SchemaSnapshot current = new SchemaSnapshot();

	private final Map<Long, Set<Entry>> entries = new HashMap<>();

	/**
	 * The owner of each index, constraint and trigger described, for when it is dropped.
	 */
	private final Map<Long, Long> owners = new HashMap<>();

	private boolean noted;

	private long lastNote;

	private Map<Long, Set<Long>> rows = new HashMap<>();

	private String watermark = FROZEN;

	private SchemaReader(Connection connection, String ledger) {
		this.connection = connection;
		this.ledger = ledger;
	}

	/**
	 * Read the whole schema of the connection's database.
	 * @param connection the connection, in auto-commit
	 * @param ledger the ledger table's qualified name, left out
	 * @return the reader, holding the schema as it is now
	 * @throws SQLException if the catalog cannot be read
	 */
	public static SchemaReader start(Connection connection, String ledger) throws SQLException {
		return start(connection, ledger, true);
	}

	static SchemaReader start(Connection connection, String ledger, boolean useEventTriggers) throws SQLException {
		SchemaReader reader = new SchemaReader(connection, ledger);
		reader.noted = useEventTriggers && reader.installNotes();
		reader.describe(DESCRIBE_ALL, "{}");
		// Which rows are new does not matter yet: every object was just described.
		reader.advance(reader.catalogRows(FROZEN));
		return reader;
	}

	/**
	 * The schema as it is now, after what ran since the last read.
	 * @return a copy the caller may change
	 * @throws SQLException if the catalog cannot be read
	 */
	public SchemaSnapshot read() throws SQLException {
		if (this.noted) {
			refresh(touchedOwners());
			return this.current.copy();
		}
		Map<Long, Rows> now = catalogRows(this.watermark);
		Set<Long> changed = new HashSet<>();
		now.forEach((owner, seen) -> {
			if (seen.written() || !seen.ids().equals(this.rows.get(owner))) {
				changed.add(owner);
			}
		});
		this.rows.keySet().stream().filter((owner) -> !now.containsKey(owner)).forEach(changed::add);
		refresh(changed);
		advance(now);
		return this.current.copy();
	}

	/** Describe the changed owners again, forgetting what they had. */
	private void refresh(Set<Long> changed) throws SQLException {
		for (Long owner : changed) {
			Set<Entry> gone = this.entries.remove(owner);
			if (gone != null) {
				gone.forEach((entry) -> this.current.remove(entry.kind(), entry.name()));
			}
		}
		if (changed.isEmpty()) {
			return;
		}
		// Planning the whole query again for each read would cost more than running it: a
		// generic plan, made once, looks the few objects up by oid.
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("SET plan_cache_mode = force_generic_plan");
			try {
				describe(DESCRIBE_WANTED,
						changed.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
			}
			finally {
				statement.execute("RESET plan_cache_mode");
			}
		}
	}

	private Set<Long> touchedOwners() throws SQLException {
		Set<Long> changed = new HashSet<>();
		try (PreparedStatement statement = this.connection.prepareStatement(TOUCHED)) {
			statement.setLong(1, this.lastNote);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					long object = result.getLong(1);
					long owner = result.getLong(2);
					// Dropped: the owner it had when it was described, or itself.
					changed.add(result.wasNull() ? this.owners.getOrDefault(object, object) : owner);
					this.lastNote = result.getLong(3);
				}
			}
		}
		return changed;
	}

	private boolean installNotes() throws SQLException {
		boolean autoCommit = this.connection.getAutoCommit();
		this.connection.setAutoCommit(false);
		try (Statement statement = this.connection.createStatement()) {
			for (String sql : INSTALL_NOTES) {
				statement.execute(sql);
			}
			this.connection.commit();
			return true;
		}
		catch (SQLException ex) {
			// Not a superuser: every read lists the catalog rows instead.
			this.connection.rollback();
			return false;
		}
		finally {
			this.connection.setAutoCommit(autoCommit);
		}
	}

	/**
	 * Whether the reader learns from event triggers what each script changed, rather than
	 * from the catalog rows.
	 * @return whether it does
	 */
	public boolean usesEventTriggers() {
		return this.noted;
	}

	private void describe(String sql, String owners) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql)) {
			statement.setString(1, this.ledger);
			statement.setString(2, owners);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					long owner = result.getLong(1);
					Entry entry = new Entry(result.getString(3), result.getString(4));
					this.current.put(entry.kind(), entry.name(), Objects.toString(result.getString(5), ""));
					this.entries.computeIfAbsent(owner, (key) -> new HashSet<>()).add(entry);
					if (result.getLong(2) != 0) {
						this.owners.put(result.getLong(2), owner);
					}
				}
			}
		}
	}

	private void advance(Map<Long, Rows> now) throws SQLException {
		Map<Long, Set<Long>> ids = new HashMap<>();
		now.forEach((owner, seen) -> ids.put(owner, seen.ids()));
		this.rows = ids;
		try (Statement statement = this.connection.createStatement();
				ResultSet result = statement.executeQuery(WATERMARK)) {
			result.next();
			this.watermark = result.getString(1);
		}
	}

	private Map<Long, Rows> catalogRows(String since) throws SQLException {
		Map<Long, Rows> rows = new HashMap<>();
		try (PreparedStatement statement = this.connection.prepareStatement(ROWS)) {
			statement.setString(1, since);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					Rows seen = rows.computeIfAbsent(result.getLong(1), (owner) -> new Rows(new HashSet<>()));
					if (result.getLong(2) != 0) {
						seen.ids().add(result.getLong(2));
					}
					if (result.getBoolean(3)) {
						rows.put(result.getLong(1), seen.written(true));
					}
				}
			}
		}
		return rows;
	}

	/**
	 * The oid of a table, 0 when it does not exist.
	 */
	static long ledgerOid(Connection connection, String ledger) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT coalesce(to_regclass(?)::oid, 0)")) {
			statement.setString(1, ledger);
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	private record Entry(String kind, String name) {

	}

	/**
	 * The ids of an owner's rows, and whether one of them was written since the
	 * watermark.
	 */
	private record Rows(Set<Long> ids, boolean written) {

		Rows(Set<Long> ids) {
			this(ids, false);
		}

		Rows written(boolean written) {
			return new Rows(this.ids, written);
		}

	}

	/**
	 * One kind of object: the query that describes it and the object its entries belong
	 * to.
	 *
	 * @param catalog the catalog of the owner, to leave out extension members
	 * @param owner the owner's oid in the query
	 * @param part the oid of the object itself where it is not its owner (an index, a
	 * constraint, a trigger), to find its owner once it was dropped; {@code 0} otherwise
	 * @param select the query, ending in a condition
	 */
	private record Branch(String catalog, String owner, String part, String select) {

		Branch(String catalog, String owner, String select) {
			this(catalog, owner, "0", select);
		}

		String sql(boolean wantedOnly) {
			String select = "SELECT " + this.owner + "::bigint, " + this.part + "::bigint, "
					+ this.select.substring("SELECT ".length());
			if (!wantedOnly) {
				return select + " AND ('" + this.catalog + "'::regclass, " + this.owner
						+ ") NOT IN (SELECT classid, objid FROM extension_member)";
			}
			// A few objects: look each up by its oid rather than list every extension
			// member.
			return select + " AND " + this.owner + " IN (SELECT oid FROM wanted) AND NOT EXISTS (SELECT 1"
					+ " FROM pg_depend e WHERE e.classid = '" + this.catalog + "'::regclass AND e.objid = " + this.owner
					+ " AND e.deptype = 'e')";
		}

	}

}
