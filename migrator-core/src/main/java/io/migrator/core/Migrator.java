package io.migrator.core;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationListener.ScriptRun;
import io.migrator.core.dialect.Dialect;
import io.migrator.core.execute.PreparedScript;
import io.migrator.core.execute.ScriptExecutor;
import io.migrator.core.history.HistoryRow;
import io.migrator.core.history.HistoryTable;
import io.migrator.core.lock.DatabaseLock;
import io.migrator.core.lock.LockPoller;
import io.migrator.core.plan.Plan;
import io.migrator.core.resolve.Script;
import io.migrator.core.resolve.ScriptCatalog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands: {@code migrate}, {@code info} and {@code validate}. Each returns a result and
 * never prints; progress goes to the {@link MigrationListener listeners} (and the log).
 * <p>
 * {@code migrate}:
 * <ol>
 * <li>check the scripts as a set before changing anything;</li>
 * <li>read the history without the lock: if nothing is pending and nothing is wrong, stop (the
 * cost of every pod start with a current schema);</li>
 * <li>otherwise take the lock, then read the history again (a peer may have done the work while
 * we waited), creating the table on first use;</li>
 * <li>refuse to go on if anything needs a person (failed, unfinished, modified, missing);</li>
 * <li>read and check every pending script, then run them in order.</li>
 * </ol>
 *
 * @since 0.1.0
 */
public final class Migrator {

	private static final Logger logger = LoggerFactory.getLogger(Migrator.class);

	/** Statements kept in memory across all pending scripts of one run. */
	private static final long MAX_KEPT_CHARS = 64L * 1024 * 1024;

	private final MigratorConfig config;

	private final Listeners listeners;

	public Migrator(MigratorConfig config) {
		this.config = config;
		this.listeners = new Listeners(config.listeners());
	}

	public MigratorConfig config() {
		return this.config;
	}

	/**
	 * Apply every pending migration.
	 * @return what was done
	 * @throws MigrationException if anything stops the run; nothing transactional is left half-done
	 */
	public MigrateResult migrate() {
		return migrate(null);
	}

	/**
	 * Apply pending migrations up to a target version.
	 * @param target the highest version to apply, {@code null} for all
	 * @return what was done
	 * @throws MigrationException if anything stops the run; nothing transactional is left half-done
	 */
	public MigrateResult migrate(@Nullable Version target) {
		return command("migrate", () -> doMigrate(target));
	}

	/**
	 * Describe every migration and the schema's version, without the lock and without changing
	 * anything (the history table is not created).
	 * @return the state
	 */
	public InfoResult info() {
		return command("info", () -> {
			try (Session db = connect()) {
				ScriptCatalog catalog = catalog(db.dialect);
				return Plan.of(catalog, db.history.read(db.connection)).info();
			}
		});
	}

	/**
	 * Check that the scripts and the history agree, without changing anything.
	 * @return the problems found, each with its fix
	 */
	public ValidateResult validate() {
		return command("validate", () -> {
			try (Session db = connect()) {
				ScriptCatalog catalog = catalog(db.dialect);
				Plan plan = Plan.of(catalog, db.history.read(db.connection));
				return new ValidateResult(plan.problems(this.config.outOfOrder()), plan.info());
			}
		});
	}

	private MigrateResult doMigrate(@Nullable Version target) throws SQLException {
		Instant start = this.config.clock().instant();
		try (Session db = connect()) {
			ScriptCatalog catalog = catalog(db.dialect);
			List<HistoryRow> rows = db.history.read(db.connection);
			Plan plan = Plan.of(catalog, rows);
			if (rows != null && plan.problems(this.config.outOfOrder()).isEmpty()
					&& plan.pending(target, this.config.outOfOrder()).isEmpty()) {
				checkTarget(target, catalog, plan);
				this.listeners.planned(plan.info(), 0);
				return new MigrateResult(List.of(), plan.schemaVersion(), plan.schemaVersion(), Duration.ZERO,
						since(start));
			}
			try (DatabaseLock lock = db.dialect.lock(db.connection, this.config.dataSource(), db.schema,
					this.config.table())) {
				Duration waited = new LockPoller(this.config.clock(), this.config.lockWaitTimeout(),
						this.listeners::lockWaiting).acquire(lock, db.history.qualifiedName());
				this.listeners.lockAcquired(waited);
				try (Dialect.Session session = db.dialect.prepareSession(db.connection, this.config.lockTimeout(),
						this.config.statementTimeout())) {
					return runPending(db, session, catalog, target, waited, start);
				}
			}
		}
	}

	private MigrateResult runPending(Session db, Dialect.Session session, ScriptCatalog catalog,
			@Nullable Version target, Duration waited, Instant start) throws SQLException {
		List<HistoryRow> rows = db.history.read(db.connection);
		if (rows == null) {
			db.history.create(db.connection);
			rows = List.of();
		}
		Plan plan = Plan.of(catalog, rows);
		List<String> problems = plan.problems(this.config.outOfOrder());
		if (!problems.isEmpty()) {
			throw new MigrationException(Reason.VALIDATION, "Cannot migrate " + db.history.qualifiedName()
					+ ": the history and the scripts disagree.\n  - " + String.join("\n  - ", problems));
		}
		checkTarget(target, catalog, plan);
		List<PreparedScript> prepared = prepareAll(plan.pending(target, this.config.outOfOrder()));
		this.listeners.planned(plan.info(), prepared.size());
		ScriptExecutor executor = new ScriptExecutor(db.connection, db.dialect, session, db.history, installedBy(db),
				this.config.clock(), this.config.lockRetries(), Plan.nextId(rows));
		List<MigrateResult.AppliedMigration> applied = new ArrayList<>();
		Version reached = plan.schemaVersion();
		for (int i = 0; i < prepared.size(); i++) {
			PreparedScript script = prepared.get(i);
			ScriptRun run = new ScriptRun(script.script().version(), script.script().description(), script.type(),
					script.script().fileName(), script.transactional());
			this.listeners.scriptStarted(run, i + 1, prepared.size());
			long started = System.nanoTime();
			try {
				Duration duration = executor.execute(script);
				this.listeners.scriptSucceeded(run, duration);
				applied.add(new MigrateResult.AppliedMigration(run.version(), run.description(), run.type(),
						run.script(), duration, run.transactional()));
				if (run.version() != null && run.version().isNewerThan(reached)) {
					reached = run.version();
				}
			}
			catch (MigrationException ex) {
				this.listeners.scriptFailed(run, Duration.ofNanos(System.nanoTime() - started), ex);
				throw ex;
			}
		}
		return new MigrateResult(applied, plan.schemaVersion(), reached, waited, since(start));
	}

	/**
	 * Read and check every script before the first one runs, so a syntax or encoding error in the
	 * last script stops the run before anything changed.
	 */
	private List<PreparedScript> prepareAll(List<Script> scripts) {
		List<PreparedScript> prepared = new ArrayList<>(scripts.size());
		long kept = 0;
		for (Script script : scripts) {
			script.checksum();
			PreparedScript one = ScriptExecutor.prepare(script, script.type());
			if (one.statements() != null) {
				long size = one.statements().stream().mapToLong((s) -> s.sql().length()).sum();
				kept += size;
				if (kept > MAX_KEPT_CHARS) {
					one = new PreparedScript(one.script(), one.type(), one.directives(), one.transactional(),
							one.statementCount(), null);
				}
			}
			prepared.add(one);
		}
		return prepared;
	}

	private static void checkTarget(@Nullable Version target, ScriptCatalog catalog, Plan plan) {
		if (target == null) {
			return;
		}
		if (catalog.versioned(target) == null && plan.info().find(target) == null) {
			throw new MigrationException(Reason.TARGET, "Target version " + target
					+ " is not the version of any script (migrator.target): the latest script is version "
					+ catalog.latestVersion() + "; name an existing version");
		}
		if (plan.schemaVersion().isNewerThan(target)) {
			throw new MigrationException(Reason.TARGET, "Target version " + target + " is below the schema's version "
					+ plan.schemaVersion() + ": migrate only moves forward. Use undo (migrator.command=undo) to go back");
		}
	}

	private String installedBy(Session db) throws SQLException {
		String configured = this.config.installedBy();
		if (configured != null) {
			return configured;
		}
		String user = db.connection.getMetaData().getUserName();
		return (user != null) ? user : "unknown";
	}

	/**
	 * Scan the locations, with {@code {vendor}} in a location read as the database's vendor
	 * ({@code postgresql}, {@code h2}), so one application can ship a script per database.
	 */
	private ScriptCatalog catalog(Dialect dialect) {
		List<String> locations = this.config.locations()
			.stream()
			.map((location) -> location.replace("{vendor}", dialect.vendor()))
			.toList();
		ScriptCatalog catalog = ScriptCatalog.scan(this.config.scriptScanner(), locations);
		if (catalog.isEmpty()) {
			logger.warn("No migration scripts found in {}: check migrator.locations and that the scripts are named"
					+ " like V1__init.sql", locations);
		}
		return catalog;
	}

	private Session connect() {
		Connection connection;
		try {
			connection = this.config.dataSource().getConnection();
		}
		catch (SQLException ex) {
			throw new MigrationException(Reason.CONNECTION, "Cannot connect to the database to migrate: "
					+ ex.getMessage() + ". Check that it is running and reachable, and the migration user and"
					+ " password (migrator.datasource.* or spring.datasource.*)", null, 0, ex.getSQLState(), ex);
		}
		try {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(true);
			Dialect dialect = Dialect.of(connection);
			String schema = (this.config.schema() != null) ? this.config.schema() : dialect.currentSchema(connection);
			HistoryTable history = new HistoryTable(dialect, this.config.schema(), schema, this.config.table());
			return new Session(connection, dialect, schema, history, autoCommit);
		}
		catch (SQLException | RuntimeException ex) {
			closeQuietly(connection, ex);
			if (ex instanceof SQLException sql) {
				throw new MigrationException(Reason.DATABASE, "Cannot prepare the migration connection: "
						+ sql.getMessage(), null, 0, sql.getSQLState(), sql);
			}
			throw (RuntimeException) ex;
		}
	}

	private static void closeQuietly(Connection connection, Exception failure) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			failure.addSuppressed(ex);
		}
	}

	private Duration since(Instant start) {
		return Duration.between(start, this.config.clock().instant());
	}

	private <T> T command(String name, SqlWork<T> work) {
		this.listeners.commandStarted(name);
		try {
			T result = work.run();
			if (result instanceof MigrateResult migrated) {
				this.listeners.migrateSucceeded(migrated);
			}
			return result;
		}
		catch (MigrationException ex) {
			this.listeners.commandFailed(name, ex);
			throw ex;
		}
		catch (SQLException ex) {
			MigrationException failure = new MigrationException(
					this.isConnectionLoss(ex) ? Reason.CONNECTION : Reason.DATABASE,
					"The " + name + " command failed: " + ex.getMessage(), null, 0, ex.getSQLState(), ex);
			this.listeners.commandFailed(name, failure);
			throw failure;
		}
	}

	private boolean isConnectionLoss(SQLException ex) {
		return ex.getSQLState() != null && ex.getSQLState().startsWith("08");
	}

	@FunctionalInterface
	private interface SqlWork<T> {

		T run() throws SQLException;

	}

	/**
	 * The migration connection and what it tells about the database; closing it restores
	 * auto-commit and returns it.
	 */
	private record Session(Connection connection, Dialect dialect, String schema, HistoryTable history,
			boolean autoCommit) implements AutoCloseable {

		@Override
		public void close() throws SQLException {
			try {
				this.connection.setAutoCommit(this.autoCommit);
			}
			finally {
				this.connection.close();
			}
		}

	}

}
