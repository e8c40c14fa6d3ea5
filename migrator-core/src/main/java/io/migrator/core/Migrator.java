package io.migrator.core;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationListener.ScriptRun;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.internal.execute.PreparedScript;
import io.migrator.core.internal.execute.ScriptExecutor;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.history.HistoryStatus;
import io.migrator.core.internal.lock.DatabaseLock;
import io.migrator.core.internal.lock.LockPoller;
import io.migrator.core.internal.lock.WaitCheck;
import io.migrator.core.internal.plan.Plan;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands: {@code migrate}, {@code undo}, {@code repair}, {@code baseline},
 * {@code info} and {@code validate}. Each returns a result and never prints; progress
 * goes to the {@link MigrationListener listeners} (and the log).
 * <p>
 * Every command that writes:
 * <ol>
 * <li>checks the scripts as a set before changing anything;</li>
 * <li>takes the lock, then reads the history (a peer may have done the work while we
 * waited), creating the table on first use;</li>
 * <li>refuses to go on if anything needs a person (failed, unfinished, modified,
 * missing);</li>
 * <li>reads and checks every script it will run, then runs them in order.</li>
 * </ol>
 * {@code migrate} first reads the history without the lock: if nothing is pending and
 * nothing is wrong it stops there, which is what every pod start with a current schema
 * pays. While it waits for the lock it asks the same before each try (gated by a count of
 * the ledger's rows), so replicas queued behind the one that migrates return once it is
 * done, without taking the lock one after another.
 *
 * @since 0.1.0
 */
public final class Migrator {

	private static final Logger logger = LoggerFactory.getLogger(Migrator.class);

	/**
	 * Statements kept in memory across all scripts of one run; beyond it they are read
	 * again.
	 */
	private static final long MAX_KEPT_CHARS = 64L * 1024 * 1024;

	private final MigratorConfig config;

	private final Listeners listeners;

	private final java.util.concurrent.atomic.AtomicBoolean warnedNoScripts = new java.util.concurrent.atomic.AtomicBoolean();

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
	 * @throws MigrationException if anything stops the run; nothing transactional is left
	 * half-done
	 */
	public MigrateResult migrate() {
		return migrate(null);
	}

	/**
	 * Apply pending migrations up to a target version.
	 * @param target the highest version to apply, {@code null} for all
	 * @return what was done
	 * @throws MigrationException if anything stops the run; nothing transactional is left
	 * half-done
	 */
	public MigrateResult migrate(@Nullable Version target) {
		return command("migrate", (db, catalog) -> {
			Instant start = this.config.clock().instant();
			UpToDateCheck check = new UpToDateCheck(db, catalog, target, this.config.outOfOrder());
			if (check.upToDate()) {
				return upToDate(check.plan(), target, catalog, Duration.ZERO, start);
			}
			try (DatabaseLock lock = lock(db)) {
				LockPoller.Wait wait = acquire(db, lock, check);
				if (!wait.acquired()) {
					this.listeners.lockNotNeeded(wait.waited());
					return upToDate(check.plan(), target, catalog, wait.waited(), start);
				}
				return underLock(db, catalog, wait.waited(), (locked) -> {
					Plan plan = checkedPlan(db, catalog, locked.rows, "migrate");
					checkMigrateTarget(target, catalog, plan);
					List<Script> pending = plan.pending(target, this.config.outOfOrder());
					return run(locked, plan, prepareAll(pending, null), start);
				});
			}
		});
	}

	/**
	 * The result of a {@code migrate} that found nothing to do, by itself or after a peer
	 * did it.
	 */
	private MigrateResult upToDate(Plan plan, @Nullable Version target, ScriptCatalog catalog, Duration lockWait,
			Instant start) {
		checkMigrateTarget(target, catalog, plan);
		this.listeners.planned(plan.info(), 0);
		return new MigrateResult(List.of(), plan.schemaVersion(), plan.schemaVersion(), lockWait, since(start));
	}

	/**
	 * Revert every applied version above the target, newest first, each with its undo
	 * script and its own ledger row. Before changing anything it refuses if a version to
	 * revert has no undo script, naming them all.
	 * @param target the version to go back to; {@link Version#ZERO} reverts everything
	 * @return what was undone
	 * @throws MigrationException if the undo is not possible or a script fails
	 */
	public MigrateResult undo(Version target) {
		return command("undo", (db, catalog) -> {
			Instant start = this.config.clock().instant();
			return locked(db, catalog, (locked) -> {
				Plan plan = checkedPlan(db, catalog, locked.rows, "undo");
				List<Script> undos = undoScripts(target, catalog, plan);
				return run(locked, plan, prepareAll(undos, MigrationType.UNDO), start);
			});
		});
	}

	/**
	 * Resolve what stops {@code migrate} after a person has looked at it: clear failed
	 * and unfinished attempts (they become pending again) and accept edited scripts'
	 * checksums. It only appends ledger rows, and never deletes one.
	 * @return what was repaired
	 */
	public RepairResult repair() {
		return command("repair", (db, catalog) -> locked(db, catalog, (locked) -> {
			Plan plan = Plan.of(catalog, locked.rows);
			String installedBy = db.installedBy(this.config.installedBy());
			long id = Plan.nextId(locked.rows);
			List<String> changes = new ArrayList<>();
			for (Plan.Repair repair : plan.repairs()) {
				db.history.append(db.connection, new HistoryRow(id++, repair.version(), repair.description(),
						repair.type(), repair.script(), repair.checksum(), repair.status(), installedBy, now(), 0));
				changes.add(repair.change());
			}
			return new RepairResult(changes, Plan.of(catalog, db.history.read(db.connection)).info());
		}));
	}

	/**
	 * Adopt an existing database as being at a version: scripts up to it are never run
	 * here. Only on a database whose history is empty.
	 * @param version the version the existing schema corresponds to
	 * @return the state after the baseline
	 */
	public InfoResult baseline(Version version) {
		return command("baseline", (db, catalog) -> locked(db, catalog, (locked) -> {
			Plan plan = Plan.of(catalog, locked.rows);
			if (plan.hasHistory()) {
				throw new MigrationException(Reason.TARGET,
						"Cannot baseline " + db.history.qualifiedName() + " at version " + version
								+ ": its history is not empty (schema version " + plan.schemaVersion()
								+ "). A baseline adopts a database that migrator has never migrated");
			}
			db.history.append(db.connection,
					new HistoryRow(Plan.nextId(locked.rows), version, "<< baseline >>", MigrationType.BASELINE,
							"<< baseline >>", null, HistoryStatus.SUCCESS, db.installedBy(this.config.installedBy()),
							now(), 0));
			return Plan.of(catalog, db.history.read(db.connection)).info();
		}));
	}

	/**
	 * Describe every migration and the schema's version, without the lock and without
	 * changing anything (the history table is not created).
	 * @return the state
	 */
	public InfoResult info() {
		return command("info", (db, catalog) -> Plan.of(catalog, db.history.read(db.connection)).info());
	}

	/**
	 * Check that the scripts and the history agree, without changing anything.
	 * @return the problems found, each with its fix
	 */
	public ValidateResult validate() {
		return command("validate", (db, catalog) -> {
			Plan plan = Plan.of(catalog, db.history.read(db.connection));
			return new ValidateResult(plan.problems(this.config.outOfOrder()), plan.info());
		});
	}

	/**
	 * What {@code migrate} would run now, without the lock and without changing anything.
	 * @param target the highest version to apply, {@code null} for all
	 * @return the scripts and their statements, in order
	 */
	public DryRun dryRunMigrate(@Nullable Version target) {
		return command("migrate (dry run)", (db, catalog) -> {
			Plan plan = checkedPlan(db, catalog, db.history.read(db.connection), "migrate");
			checkMigrateTarget(target, catalog, plan);
			List<PreparedScript> scripts = prepareAll(plan.pending(target, this.config.outOfOrder()), null);
			Version reached = scripts.stream()
				.map((script) -> script.script().version())
				.filter((version) -> version != null)
				.reduce(plan.schemaVersion(), (a, b) -> b.isNewerThan(a) ? b : a);
			return dryRun("migrate", plan.schemaVersion(), reached, scripts);
		});
	}

	/**
	 * What {@code undo} would run now, without the lock and without changing anything.
	 * @param target the version to go back to
	 * @return the undo scripts and their statements, in order
	 */
	public DryRun dryRunUndo(Version target) {
		return command("undo (dry run)", (db, catalog) -> {
			Plan plan = checkedPlan(db, catalog, db.history.read(db.connection), "undo");
			List<PreparedScript> scripts = prepareAll(undoScripts(target, catalog, plan), MigrationType.UNDO);
			return dryRun("undo", plan.schemaVersion(), scripts.isEmpty() ? plan.schemaVersion() : target, scripts);
		});
	}

	private static DryRun dryRun(String command, Version from, Version to, List<PreparedScript> scripts) {
		List<DryRun.PlannedScript> planned = new ArrayList<>();
		for (PreparedScript script : scripts) {
			List<String> statements = new ArrayList<>();
			ScriptExecutor.statements(script).forEachRemaining((statement) -> statements.add(statement.sql()));
			planned.add(new DryRun.PlannedScript(script.script().version(), script.type(), script.script().fileName(),
					script.transactional(), statements));
		}
		return new DryRun(command, from, to, planned);
	}

	private Plan checkedPlan(DatabaseSession db, ScriptCatalog catalog, @Nullable List<HistoryRow> rows,
			String command) {
		Plan plan = Plan.of(catalog, rows);
		List<String> problems = plan.problems(this.config.outOfOrder());
		if (!problems.isEmpty()) {
			throw new MigrationException(Reason.VALIDATION, "Cannot " + command + " " + db.history.qualifiedName()
					+ ": the history and the scripts disagree.\n  - " + String.join("\n  - ", problems));
		}
		return plan;
	}

	private static List<Script> undoScripts(Version target, ScriptCatalog catalog, Plan plan) {
		boolean known = target.equals(Version.ZERO) || catalog.versioned(target) != null
				|| plan.info().find(target) != null;
		if (!known) {
			throw new MigrationException(Reason.TARGET, "Undo target " + target + " is not a version of any script"
					+ " (migrator.target): name an applied version, or 0 to undo everything");
		}
		Version baseline = plan.baselineVersion();
		if (baseline != null && baseline.isNewerThan(target)) {
			throw new MigrationException(Reason.TARGET, "Cannot undo to version " + target + ": the schema was"
					+ " baselined at version " + baseline + " and nothing at or below it was migrated by migrator");
		}
		List<Version> versions = plan.appliedAbove(target);
		List<Version> withoutUndo = versions.stream().filter((v) -> catalog.undo(v) == null).toList();
		if (!withoutUndo.isEmpty()) {
			throw new MigrationException(Reason.TARGET,
					"Cannot undo to version " + target + ": " + ((withoutUndo.size() == 1) ? "version " : "versions ")
							+ withoutUndo.stream().map(Version::toString).collect(Collectors.joining(", ")) + " "
							+ ((withoutUndo.size() == 1) ? "has" : "have") + " no undo script ("
							+ withoutUndo.stream().map((v) -> "U" + v + "__*.sql").collect(Collectors.joining(", "))
							+ "). Nothing was changed. Add the undo scripts, or choose a target at or above version "
							+ withoutUndo.get(0));
		}
		return versions.stream().map(catalog::undo).toList();
	}

	private static void checkMigrateTarget(@Nullable Version target, ScriptCatalog catalog, Plan plan) {
		if (target == null) {
			return;
		}
		if (catalog.versioned(target) == null && plan.info().find(target) == null) {
			throw new MigrationException(Reason.TARGET,
					"Target version " + target
							+ " is not the version of any script (migrator.target): the latest script is version "
							+ catalog.latestVersion() + "; name an existing version");
		}
		if (plan.schemaVersion().isNewerThan(target)) {
			throw new MigrationException(Reason.TARGET,
					"Target version " + target + " is below the schema's version " + plan.schemaVersion()
							+ ": migrate only moves forward. Use undo (migrator.command=undo) to go back");
		}
	}

	/**
	 * Run prepared scripts in order, telling the listeners.
	 */
	private MigrateResult run(Locked locked, Plan plan, List<PreparedScript> scripts, Instant start)
			throws SQLException {
		DatabaseSession db = locked.db;
		this.listeners.planned(plan.info(), scripts.size());
		ScriptExecutor executor = new ScriptExecutor(db.connection, db.dialect, locked.session, db.history,
				db.installedBy(this.config.installedBy()), this.config.clock(), this.config.lockRetries(),
				Plan.nextId(locked.rows));
		List<MigrateResult.AppliedMigration> applied = new ArrayList<>();
		for (int i = 0; i < scripts.size(); i++) {
			PreparedScript script = scripts.get(i);
			ScriptRun run = new ScriptRun(script.script().version(), script.script().description(), script.type(),
					script.script().fileName(), script.transactional());
			this.listeners.scriptStarted(run, i + 1, scripts.size());
			long started = System.nanoTime();
			try {
				Duration duration = executor.execute(script);
				this.listeners.scriptSucceeded(run, duration);
				applied.add(new MigrateResult.AppliedMigration(run.version(), run.description(), run.type(),
						run.script(), duration, run.transactional()));
			}
			catch (MigrationException ex) {
				this.listeners.scriptFailed(run, Duration.ofNanos(System.nanoTime() - started), ex);
				throw ex;
			}
		}
		return new MigrateResult(applied, plan.schemaVersion(), reached(plan, applied), locked.waited, since(start));
	}

	/**
	 * The schema version after a run, derived from the plan and what ran rather than by
	 * reading the whole ledger again: the highest version still in the schema, or newly
	 * applied.
	 */
	private static Version reached(Plan plan, List<MigrateResult.AppliedMigration> applied) {
		java.util.Set<Version> undone = new java.util.HashSet<>();
		Version reached = Version.ZERO;
		for (MigrateResult.AppliedMigration migration : applied) {
			if (migration.type() == MigrationType.UNDO) {
				undone.add(migration.version());
			}
			else if (migration.version() != null && migration.version().isNewerThan(reached)) {
				reached = migration.version();
			}
		}
		for (MigrationInfo migration : plan.info().migrations()) {
			Version version = migration.version();
			if (version != null && migration.state().isInSchema() && !undone.contains(version)
					&& version.isNewerThan(reached)) {
				reached = version;
			}
		}
		return reached;
	}

	/**
	 * Read and check every script before the first one runs, so a syntax or encoding
	 * error in the last script stops the run before anything changed.
	 */
	private static List<PreparedScript> prepareAll(List<Script> scripts, @Nullable MigrationType as) {
		List<PreparedScript> prepared = new ArrayList<>(scripts.size());
		long kept = 0;
		for (Script script : scripts) {
			PreparedScript one = ScriptExecutor.prepare(script, (as != null) ? as : script.type());
			if (one.statements() != null) {
				kept += one.statements().stream().mapToLong((statement) -> statement.sql().length()).sum();
				if (kept > MAX_KEPT_CHARS) {
					one = one.withoutStatements();
				}
			}
			prepared.add(one);
		}
		return prepared;
	}

	/**
	 * Take the lock, however long that takes, then run the work under it.
	 */
	private <T> T locked(DatabaseSession db, ScriptCatalog catalog, LockedWork<T> work) throws SQLException {
		try (DatabaseLock lock = lock(db)) {
			return underLock(db, catalog, acquire(db, lock, WaitCheck.NEVER).waited(), work);
		}
	}

	private DatabaseLock lock(DatabaseSession db) throws SQLException {
		return db.dialect.lock(db.connection, this.config.dataSource(), db.schema, this.config.table());
	}

	private LockPoller.Wait acquire(DatabaseSession db, DatabaseLock lock, WaitCheck check) {
		return new LockPoller(this.config.clock(), this.config.lockWaitTimeout(), this.listeners::lockWaiting)
			.acquire(lock, db.history.qualifiedName(), check);
	}

	/**
	 * With the lock held: prepare the session, read (or create) the history, and run the
	 * work.
	 */
	private <T> T underLock(DatabaseSession db, ScriptCatalog catalog, Duration waited, LockedWork<T> work)
			throws SQLException {
		this.listeners.lockAcquired(waited);
		try (Dialect.Session session = db.dialect.prepareSession(db.connection, this.config.lockTimeout(),
				this.config.statementTimeout())) {
			List<HistoryRow> rows = db.history.read(db.connection);
			if (rows == null) {
				db.history.create(db.connection);
				rows = List.of();
			}
			return work.run(new Locked(db, session, rows, waited, catalog));
		}
	}

	/**
	 * Scan the locations, with {@code {vendor}} in a location read as the database's
	 * vendor ({@code postgresql}, {@code h2}), so one application can ship a script per
	 * database.
	 */
	private ScriptCatalog catalogOf(DatabaseSession db) {
		List<String> locations = this.config.locations()
			.stream()
			.map((location) -> location.replace("{vendor}", db.dialect.vendor()))
			.toList();
		ScriptCatalog catalog = ScriptCatalog.scan(this.config.scriptScanner(), locations);
		if (catalog.isEmpty() && !this.warnedNoScripts.getAndSet(true)) {
			logger.warn("No migration scripts found in {}: check migrator.locations and that the scripts are named"
					+ " like V1__init.sql", locations);
		}
		return catalog;
	}

	private java.time.OffsetDateTime now() {
		return java.time.OffsetDateTime.now(this.config.clock());
	}

	private Duration since(Instant start) {
		return Duration.between(start, this.config.clock().instant());
	}

	private <T> T command(String name, Work<T> work) {
		this.listeners.commandStarted(name);
		Instant start = this.config.clock().instant();
		try (DatabaseSession db = DatabaseSession.open(this.config)) {
			T result = work.run(db, catalogOf(db));
			this.listeners.commandSucceeded(name, since(start));
			if (result instanceof MigrateResult migrated && name.equals("migrate")) {
				this.listeners.migrateSucceeded(migrated);
			}
			else if (result instanceof MigrateResult undone) {
				this.listeners.undoSucceeded(undone);
			}
			return result;
		}
		catch (MigrationException ex) {
			this.listeners.commandFailed(name, ex);
			throw ex;
		}
		catch (SQLException ex) {
			boolean connectionLost = ex.getSQLState() != null && ex.getSQLState().startsWith("08");
			MigrationException failure = new MigrationException(connectionLost ? Reason.CONNECTION : Reason.DATABASE,
					"The " + name + " command failed: " + ex.getMessage(), null, 0, ex.getSQLState(), ex);
			this.listeners.commandFailed(name, failure);
			throw failure;
		}
	}

	@FunctionalInterface
	private interface Work<T> {

		T run(DatabaseSession db, ScriptCatalog catalog) throws SQLException;

	}

	@FunctionalInterface
	private interface LockedWork<T> {

		T run(Locked locked) throws SQLException;

	}

	/**
	 * What a command has while it holds the lock.
	 */
	private record Locked(DatabaseSession db, Dialect.Session session, List<HistoryRow> rows, Duration waited,
			ScriptCatalog catalog) {

	}

}
