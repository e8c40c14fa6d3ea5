package io.migrator.core.internal.rehearse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.migrator.core.internal.execute.PreparedScript;
import io.migrator.core.internal.execute.StatementObserver;
import io.migrator.core.internal.sql.ClassifiedStatement;
import io.migrator.core.internal.sql.LockMode;
import io.migrator.core.rehearse.RelationLock;
import io.migrator.core.rehearse.StatementLocks;
import org.jspecify.annotations.Nullable;

/**
 * Sees what each statement of a script does to the relations that existed before the
 * script: after every statement, the locks this session holds on them ({@code pg_locks},
 * still held inside the script's transaction) and which of them got a new file
 * ({@code pg_class.relfilenode}: a rewrite). Outside a transaction a statement's locks
 * end with it, so there the lock comes from the statement's kind.
 */
public final class LockProbe implements StatementObserver, AutoCloseable {

	private static final String EXISTING = "SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),"
			+ " c.relfilenode FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace" + " WHERE "
			+ SchemaQueries.USER_SCHEMA + " AND c.relkind IN ('r', 'p', 'i', 'I', 'm', 'S', 'v', 'f')"
			+ " AND c.oid <> ? AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = c.oid AND i.indrelid = ?)";

	private static final String HELD = "SELECT relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid()"
			+ " AND locktype = 'relation' AND granted AND database = (SELECT oid FROM pg_database"
			+ " WHERE datname = current_database())";

	private static final String FILES = "SELECT oid::bigint, relfilenode FROM pg_class WHERE oid = ANY (?::oid[])";

	private final String ledger;

	private boolean recording = true;

	private final DataSource dataSource;

	private @Nullable Connection committed;

	private long ledgerOid;

	private final Map<Long, Relation> existing = new HashMap<>();

	private final Set<Long> created = new HashSet<>();

	private final Map<Long, LockMode> held = new HashMap<>();

	private final List<StatementLocks> statements = new ArrayList<>();

	/**
	 * @param ledger the ledger's qualified name, whose own locks are the engine's
	 * @param dataSource connections to the same database, for a second session that sees
	 * what existed before the running script
	 */
	public LockProbe(String ledger, DataSource dataSource) {
		this.ledger = ledger;
		this.dataSource = dataSource;
	}

	/**
	 * Whether to look at all: the rehearsal looks during its first pass only.
	 * @param recording whether to record
	 */
	public void recording(boolean recording) {
		this.recording = recording;
	}

	/**
	 * What the statements of the script that ran last did, and forget it.
	 * @return the statements that locked or rewrote a relation that existed before
	 */
	public List<StatementLocks> take() {
		List<StatementLocks> taken = List.copyOf(this.statements);
		this.statements.clear();
		return taken;
	}

	@Override
	public void scriptStarting(Connection connection, PreparedScript script) throws SQLException {
		// A transactional script that is retried starts again from here.
		this.existing.clear();
		this.created.clear();
		this.held.clear();
		this.statements.clear();
		if (!this.recording || !connection.getAutoCommit()) {
			// In a transaction, the relations it locks are looked up as it locks them.
			return;
		}
		// Outside one, every statement commits: what existed must be known before.
		long ledgerOid = SchemaReader.ledgerOid(connection, this.ledger);
		try (PreparedStatement statement = connection.prepareStatement(EXISTING)) {
			statement.setLong(1, ledgerOid);
			statement.setLong(2, ledgerOid);
			try (ResultSet rows = statement.executeQuery()) {
				while (rows.next()) {
					this.existing.put(rows.getLong(1), new Relation(rows.getString(2), rows.getLong(3)));
				}
			}
		}
	}

	@Override
	public void statementRan(Connection connection, PreparedScript script, ClassifiedStatement statement)
			throws SQLException {
		if (!this.recording) {
			return;
		}
		boolean inTransaction = !connection.getAutoCommit();
		List<RelationLock> locks = inTransaction ? newLocks(connection) : modelLock(connection, statement);
		List<String> rewritten = rewritten(connection, inTransaction);
		if (!locks.isEmpty() || !rewritten.isEmpty()) {
			this.statements
				.add(new StatementLocks(statement.line(), statement.command(), locks, rewritten, inTransaction));
		}
	}

	/**
	 * The strongest lock the session now holds on each relation, where it is stronger
	 * than before this statement: a weaker mode beside it adds nothing a reader needs.
	 */
	private List<RelationLock> newLocks(Connection connection) throws SQLException {
		Map<Long, LockMode> strongest = new HashMap<>();
		try (PreparedStatement query = connection.prepareStatement(HELD); ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				LockMode mode = modeOf(rows.getString(2));
				if (mode != null) {
					strongest.merge(rows.getLong(1), mode, (one, other) -> (one.compareTo(other) >= 0) ? one : other);
				}
			}
		}
		lookUpCommitted(strongest.keySet());
		strongest.keySet().retainAll(this.existing.keySet());
		List<RelationLock> locks = new ArrayList<>();
		strongest.forEach((oid, mode) -> {
			LockMode before = this.held.put(oid, mode);
			if (before == null || mode.compareTo(before) > 0) {
				locks.add(new RelationLock(this.existing.get(oid).name(), mode.sqlName()));
			}
			else {
				this.held.put(oid, before);
			}
		});
		locks.sort(Comparator.comparing(RelationLock::relation));
		return locks;
	}

	/**
	 * Which of these relations existed before the script, and their files then: a second
	 * session sees the database as committed, without this transaction's changes, and
	 * reading {@code pg_class} waits for none of the locks the script holds.
	 */
	private void lookUpCommitted(Set<Long> relations) throws SQLException {
		Set<Long> unknown = new HashSet<>(relations);
		unknown.removeAll(this.existing.keySet());
		unknown.removeAll(this.created);
		if (unknown.isEmpty()) {
			return;
		}
		if (this.committed == null) {
			this.committed = this.dataSource.getConnection();
			this.ledgerOid = SchemaReader.ledgerOid(this.committed, this.ledger);
		}
		try (PreparedStatement query = this.committed
			.prepareStatement(EXISTING + " AND c.oid = ANY (?::text::oid[])")) {
			query.setLong(1, this.ledgerOid);
			query.setLong(2, this.ledgerOid);
			query.setString(3, unknown.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					this.existing.put(rows.getLong(1), new Relation(rows.getString(2), rows.getLong(3)));
					unknown.remove(rows.getLong(1));
				}
			}
		}
		// System catalogs and relations of this script itself.
		this.created.addAll(unknown);
	}

	/**
	 * Close the second session, if one was opened.
	 */
	@Override
	public void close() throws SQLException {
		if (this.committed != null) {
			this.committed.close();
			this.committed = null;
		}
	}

	private List<RelationLock> modelLock(Connection connection, ClassifiedStatement statement) throws SQLException {
		if (statement.lock() == null || statement.relation() == null) {
			return List.of();
		}
		try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?)::bigint")) {
			query.setString(1, statement.relation());
			try (ResultSet rows = query.executeQuery()) {
				Relation relation = rows.next() ? this.existing.get(rows.getLong(1)) : null;
				return (relation != null) ? List.of(new RelationLock(relation.name(), statement.lock().sqlName()))
						: List.of();
			}
		}
	}

	private List<String> rewritten(Connection connection, boolean inTransaction) throws SQLException {
		// Inside a transaction a rewrite holds its relation's lock until the commit, so
		// only locked relations can have been rewritten.
		Set<Long> candidates = inTransaction ? this.held.keySet() : this.existing.keySet();
		if (candidates.isEmpty()) {
			return List.of();
		}
		List<String> rewritten = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement(FILES)) {
			query.setString(1, candidates.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")));
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					long oid = rows.getLong(1);
					Relation relation = this.existing.get(oid);
					if (relation != null && relation.file() != rows.getLong(2)) {
						rewritten.add(relation.name());
						this.existing.put(oid, new Relation(relation.name(), rows.getLong(2)));
					}
				}
			}
		}
		rewritten.sort(null);
		return rewritten;
	}

	private static @Nullable LockMode modeOf(String pgLocksName) {
		for (LockMode mode : LockMode.values()) {
			if (mode.pgLocksName().equals(pgLocksName)) {
				return mode;
			}
		}
		return null;
	}

	private record Relation(String name, long file) {

	}

}
