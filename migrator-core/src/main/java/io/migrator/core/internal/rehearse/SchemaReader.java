package io.migrator.core.internal.rehearse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import static io.migrator.core.internal.rehearse.SchemaQueries.DESCRIBE_ALL;
import static io.migrator.core.internal.rehearse.SchemaQueries.DESCRIBE_WANTED;
import static io.migrator.core.internal.rehearse.SchemaQueries.FROZEN;
import static io.migrator.core.internal.rehearse.SchemaQueries.INSTALL_NOTES;
import static io.migrator.core.internal.rehearse.SchemaQueries.ROWS;
import static io.migrator.core.internal.rehearse.SchemaQueries.TOUCHED;
import static io.migrator.core.internal.rehearse.SchemaQueries.WATERMARK;

/**
 * Reads a database's schema into a {@link SchemaSnapshot}, then keeps it current after
 * each script at a cost that grows with what the script changed, not with the schema:
 * <ol>
 * <li>the first read describes every object (one statement: each kind's definition as
 * PostgreSQL prints it);</li>
 * <li>each later read learns which objects the script touched: from event triggers that
 * note every object a DDL command creates, changes or drops (a superuser may create
 * them), or else by listing the catalog rows of the user's schemas, without printing
 * anything, and taking the objects that own a row written since the last read (its
 * {@code xmin} is newer than the transaction id taken then) or that lost one (an index, a
 * constraint, a trigger, a default dropped);</li>
 * <li>only those objects are described again.</li>
 * </ol>
 * An object's entries (a table's columns, constraints, indexes and triggers) belong to
 * the object that owns them. A definition that merely names another object (a view
 * reading a column that a later script renames) is described again when the view itself
 * changes; the rename shows on the renamed object's own entry, on both sides of every
 * comparison. The SQL is {@link SchemaQueries}'.
 */
public final class SchemaReader {

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

}
