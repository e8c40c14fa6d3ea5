package io.migrator.core;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationListener.ScriptRun;
import io.migrator.core.internal.dialect.Dialect;
import io.migrator.core.callback.Event;
import io.migrator.core.internal.execute.Callbacks;
import io.migrator.core.internal.execute.Placeholders;
import io.migrator.core.internal.execute.PreparedScript;
import io.migrator.core.internal.execute.ScriptExecutor;
import io.migrator.core.internal.execute.ScriptPreparer;
import io.migrator.core.internal.flyway.FlywayAdoption;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.history.Ledger;
import io.migrator.core.internal.lint.Linter;
import io.migrator.core.internal.lint.SchemaFacts;
import io.migrator.core.internal.lock.DatabaseLock;
import io.migrator.core.internal.lock.LockPoller;
import io.migrator.core.internal.lock.WaitCheck;
import io.migrator.core.internal.plan.Plan;
import io.migrator.core.internal.plan.PlanRules;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import io.migrator.core.lint.LintFinding;
import io.migrator.core.lint.LintLevel;
import io.migrator.core.lint.LintMode;
import io.migrator.core.lint.LintReport;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps every command takes, in this order, each done here once:
 * <ol>
 * <li><b>session</b>: open the migration connection and learn the database
 * ({@link DatabaseSession});</li>
 * <li><b>catalog</b>: scan the locations, with {@code {vendor}} read as the database's
 * vendor;</li>
 * <li><b>lock</b> (commands that write): poll for the migration lock, optionally stopping
 * early when a peer did the work ({@link WaitCheck});</li>
 * <li><b>history</b>: with the lock held, set the run's timeouts, then read the ledger
 * (creating the table on first use);</li>
 * <li><b>plan</b>: derive every migration's state and refuse to go on when the scripts
 * and the history disagree;</li>
 * <li><b>execute</b>: run the prepared scripts in order, telling the listeners;</li>
 * <li><b>record</b>: each script's ledger row is written with it; the result says what
 * ran and the version reached.</li>
 * </ol>
 * Around all of it: listeners hear the command start and end, and a database error
 * becomes a {@link MigrationException} with a reason of its own.
 */
final class CommandTemplate {

	private static final Logger logger = LoggerFactory.getLogger(Migrator.class);

	private final MigratorConfig config;

	private final Listeners listeners;

	private final AtomicBoolean warnedNoScripts = new AtomicBoolean();

	CommandTemplate(MigratorConfig config, Listeners listeners) {
		this.config = config;
		this.listeners = listeners;
	}

	/**
	 * Steps 1 and 2, then the command's work; reports the outcome.
	 */
	<T> T run(Command<T> command, Step<T> work) {
		this.listeners.commandStarted(command.name());
		Instant start = this.config.clock().instant();
		try {
			T result = session(command, work);
			this.listeners.commandSucceeded(command.name(), since(start));
			command.succeeded().accept(this.listeners, result);
			return result;
		}
		catch (MigrationException ex) {
			this.listeners.commandFailed(command.name(), ex);
			throw ex;
		}
	}

	private <T> T session(Command<T> command, Step<T> work) {
		Dialect dialect = null;
		try (DatabaseSession db = DatabaseSession.open(this.config)) {
			dialect = db.dialect;
			ScriptCatalog catalog = catalogOf(db);
			Instant start = this.config.clock().instant();
			return work.run(new Run(command, db, catalog,
					new PreparerOnFirstUse(db.dialect, db.placeholders(this.config, start)), start));
		}
		catch (SQLException ex) {
			// Not only class 08: the server ending the session (a restart, a failover,
			// pg_terminate_backend) loses the connection too, which await mode outlives.
			boolean connectionLost = (ex.getSQLState() != null && ex.getSQLState().startsWith("08"))
					|| (dialect != null && dialect.isConnectionFailure(ex));
			throw new MigrationException(connectionLost ? Reason.CONNECTION : Reason.DATABASE,
					"The " + command.name() + " command failed: " + ex.getMessage(), null, 0, ex.getSQLState(), ex);
		}
	}

	/**
	 * Steps 3 and 4: take the lock (however long that takes), then run the work with the
	 * ledger.
	 */
	<T> T underLock(Run run, LockedStep<T> work) throws SQLException {
		return underLock(run, WaitCheck.NEVER, work, (waited) -> {
			throw new IllegalStateException("A check that never finds the work done did");
		});
	}

	/**
	 * Steps 3 and 4, stopping early with {@code whenDone} if the check finds the work
	 * done while waiting.
	 */
	<T> T underLock(Run run, WaitCheck check, LockedStep<T> work, WorkDone<T> whenDone) throws SQLException {
		DatabaseSession db = run.db();
		try (DatabaseLock lock = db.dialect.lock(db.connection, this.config.dataSource(), db.schema,
				this.config.table())) {
			LockPoller.Wait wait = new LockPoller(this.config.clock(), this.config.lockWaitTimeout(),
					this.listeners::lockWaiting)
				.acquire(lock, db.history.qualifiedName(), check);
			if (!wait.acquired()) {
				this.listeners.lockNotNeeded(wait.waited());
				return whenDone.run(wait.waited());
			}
			this.listeners.lockAcquired(wait.waited());
			try (Dialect.Session settings = db.dialect.prepareSession(db.connection, this.config.lockTimeout(),
					this.config.statementTimeout())) {
				List<HistoryRow> rows = db.history.read(db.connection);
				String installedBy = db.installedBy(this.config.installedBy());
				FlywayAdoption.Adopted adopted = null;
				if ((rows == null || rows.isEmpty()) && run.command().flyway() != Command.OnFlyway.IGNORE) {
					adopted = adoptFlyway(run, installedBy);
					rows = (adopted != null) ? adopted.rows() : rows;
				}
				if (rows == null) {
					db.history.create(db.connection);
					rows = List.of();
				}
				else if (!db.history.hasFingerprints()) {
					upgradeLedger(db);
				}
				Ledger ledger = new Ledger(db.history, rows, installedBy, this.config.clock());
				return work.run(new Locked(run, settings, ledger, wait.waited(), adopted));
			}
		}
	}

	/**
	 * Part of step 4: a ledger an earlier version created gets the fingerprint column, so
	 * that later starts can skip reading unchanged scripts. A user that may not alter the
	 * table only misses that speed-up.
	 */
	private void upgradeLedger(DatabaseSession db) {
		try {
			db.history.upgrade(db.connection);
			logger.info("Added the column fingerprint to the history table {}: from now on each row records its"
					+ " script's size and CRC-32 beside the checksum, so that a start need not hash unchanged scripts",
					db.history.qualifiedName());
		}
		catch (SQLException ex) {
			logger.warn(
					"Cannot add the column fingerprint to the history table {} ({}): scripts are still checked"
							+ " by their checksum; to let starts skip hashing unchanged scripts, run ALTER TABLE {} ADD"
							+ " fingerprint VARCHAR(40) as the table's owner",
					db.history.qualifiedName(), ex.getMessage().strip(), db.history.qualifiedName());
		}
	}

	/**
	 * Part of step 4: with no ledger yet, take over Flyway's history when there is one
	 * ({@link FlywayAdoption}), or refuse when adoption is not enabled.
	 */
	private FlywayAdoption.@Nullable Adopted adoptFlyway(Run run, String installedBy) throws SQLException {
		DatabaseSession db = run.db();
		FlywayAdoption adoption = new FlywayAdoption(db.dialect, this.config.flywaySchema(), this.config.flywayTable(),
				run.preparer().placeholders());
		boolean enabled = this.config.flywayAdopt() || run.command().flyway() == Command.OnFlyway.ADOPT;
		FlywayAdoption.Adopted adopted = adoption.adopt(db.connection, db.history, run.catalog(), enabled, installedBy);
		if (adopted != null) {
			logger.info("Adopted Flyway's history {}: {} of its {} rows are now the ledger {}; {} was not changed",
					adopted.table(), adopted.rows().size(), adopted.flywayRows(), db.history.qualifiedName(),
					adopted.table());
		}
		return adopted;
	}

	/**
	 * Step 5: the plan of the ledger (as read under the lock, or without it for a dry
	 * run), refused if anything needs a person.
	 */
	Plan validPlan(Run run, @Nullable List<HistoryRow> rows, String command) {
		Plan plan = Plan.of(run.catalog(), rows);
		PlanRules.requireValid(plan, command, run.db().history.qualifiedName(), this.config.outOfOrder());
		return plan;
	}

	/**
	 * Between plan and execute: lint the scripts about to run, as configured, and in mode
	 * {@code fail} refuse before anything changes. Only on PostgreSQL, whose rules they
	 * are; the scripts are the ones prepared to run, so none is read twice.
	 */
	void lintBeforeRunning(Run run, List<PreparedScript> toRun) throws SQLException {
		if (this.config.lintMode() == LintMode.OFF || toRun.isEmpty() || !run.db().dialect.lintsWithCatalog()) {
			return;
		}
		// The catalog has every table the applied scripts left, and the lint counts a
		// table it cannot place as in use: the applied scripts would tell it nothing
		// more.
		LintReport report = Lint.LINTER.lintPrepared(List.of(), toRun, catalogFacts(run));
		this.listeners.linted(report);
		if (this.config.lintMode() == LintMode.FAIL && report.blocks()) {
			throw new MigrationException(Reason.LINT,
					"Nothing was run: the safety lint (migrator.lint.mode=fail)"
							+ " found statements that lock tables in use or break the running version.\n  - "
							+ report.unsuppressed()
								.stream()
								.filter((finding) -> finding.level() != LintLevel.ADVICE)
								.map(LintFinding::message)
								.collect(Collectors.joining("\n  - "))
							+ "\n  Make each statement safe, or suppress a finding you accept with"
							+ " '-- migrator:lint-ignore=<rule> <reason>' before it");
		}
	}

	/**
	 * The lint of scripts against what this database holds: its catalog on PostgreSQL;
	 * elsewhere only the scripts, the applied ones counting as deployed.
	 */
	LintReport lint(Run run, List<Script> applied, List<Script> toCheck) throws SQLException {
		Dialect dialect = run.db().dialect;
		if (!dialect.lintsScripts()) {
			throw new MigrationException(Reason.CONFIGURATION, "Nothing was checked: the safety lint's rules are"
					+ " PostgreSQL's (its table locks and its SQL), and " + dialect.name() + " scripts follow other"
					+ " rules, so the lint does not apply to this database. Do not run the lint command against "
					+ dialect.name() + "; lint the PostgreSQL scripts of the project instead");
		}
		if (dialect.lintsWithCatalog()) {
			return Lint.LINTER.lint(List.of(), toCheck, catalogFacts(run));
		}
		return Lint.LINTER.lint(applied, toCheck,
				SchemaFacts.offline(this.config.lockTimeout(), this.config.statementTimeout()));
	}

	private SchemaFacts catalogFacts(Run run) throws SQLException {
		return SchemaFacts.read(run.db().connection, this.config.lockTimeout(), this.config.statementTimeout());
	}

	/**
	 * Steps 6 and 7: run prepared scripts in order, each with its ledger row, telling the
	 * listeners.
	 */
	MigrateResult execute(Locked locked, Plan plan, List<PreparedScript> scripts) {
		DatabaseSession db = locked.run().db();
		this.listeners.planned(plan.info(), scripts.size());
		ScriptExecutor executor = new ScriptExecutor(db.connection, db.dialect, locked.settings(), locked.ledger(),
				locked.run().preparer(), this.config.lockRetries());
		Callbacks.Events events = Callbacks.Events.of(locked.run().command() == Command.UNDO);
		Callbacks callbacks = new Callbacks(db.connection, locked.run().preparer(), locked.run().catalog(),
				this.config.callbacks(), events.all());
		List<MigrateResult.AppliedMigration> applied = new ArrayList<>();
		ScriptRun run = null;
		try {
			callbacks.fire(events.before(), null);
			for (int i = 0; i < scripts.size(); i++) {
				PreparedScript script = scripts.get(i);
				run = new ScriptRun(script.script().version(), script.script().description(), script.type(),
						script.script().fileName(), script.transactional());
				callbacks.fire(events.beforeEach(), run);
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
				callbacks.fire(events.afterEach(), run);
				run = null;
			}
			callbacks.fire(events.after(), null);
		}
		catch (MigrationException ex) {
			callbacks.fireOnError(events.error(), run, ex);
			throw ex;
		}
		return new MigrateResult(applied, plan.schemaVersion(), versionAfter(plan, scripts), locked.waited(),
				since(locked.run().start()));
	}

	/**
	 * Whether {@code migrate} has callbacks to run even when nothing is pending, as
	 * Flyway runs them on every migrate: then it always takes the lock.
	 */
	boolean hasMigrateCallbacks(Run run) {
		return Callbacks.any(run.catalog(), this.config.callbacks(), Event.BEFORE_MIGRATE, Event.AFTER_MIGRATE);
	}

	/**
	 * The schema's version once these scripts of the plan have run.
	 */
	static Version versionAfter(Plan plan, List<PreparedScript> scripts) {
		Set<Version> applied = new HashSet<>();
		Set<Version> undone = new HashSet<>();
		for (PreparedScript script : scripts) {
			Version version = script.script().version();
			if (version != null) {
				((script.type() == MigrationType.UNDO) ? undone : applied).add(version);
			}
		}
		return plan.versionAfter(applied, undone);
	}

	/**
	 * The result of a {@code migrate} that had nothing to do.
	 */
	MigrateResult nothingToDo(Run run, Plan plan, Duration lockWait) {
		this.listeners.planned(plan.info(), 0);
		return new MigrateResult(List.of(), plan.schemaVersion(), plan.schemaVersion(), lockWait, since(run.start()));
	}

	private ScriptCatalog catalogOf(DatabaseSession db) {
		List<String> locations = this.config.locations()
			.stream()
			.map((location) -> location.replace("{vendor}", db.dialect.vendor()))
			.toList();
		ScriptCatalog catalog = ScriptCatalog.scan(this.config.scriptScanner(), locations,
				this.config.javaMigrations());
		if (catalog.isEmpty() && !this.warnedNoScripts.getAndSet(true)) {
			logger.warn("No migration scripts found in {}: check migrator.locations and that the scripts are named"
					+ " like V1__init.sql", locations);
		}
		return catalog;
	}

	private Duration since(Instant start) {
		return Duration.between(start, this.config.clock().instant());
	}

	/**
	 * What a command has once the session is open and the scripts are found.
	 *
	 * @param command the command
	 * @param db the migration session
	 * @param catalog the scripts
	 * @param preparers the preparer that reads and classifies scripts with the database's
	 * rules, made on first use
	 * @param start when the work started: after connecting and scanning, as a run's
	 * duration counts
	 */
	record Run(Command<?> command, DatabaseSession db, ScriptCatalog catalog, Supplier<ScriptPreparer> preparers,
			Instant start) {

		ScriptPreparer preparer() {
			return this.preparers.get();
		}

	}

	/**
	 * The linter, loaded with its PostgreSQL classifier only by a run that lints.
	 */
	private static final class Lint {

		static final Linter LINTER = new Linter();

	}

	/**
	 * Made on first use: a start with nothing to run prepares no script, so it need not
	 * load the dialect's statement classifier or build the placeholders.
	 */
	private static final class PreparerOnFirstUse implements Supplier<ScriptPreparer> {

		private final Dialect dialect;

		private final Supplier<Placeholders> placeholders;

		private @Nullable ScriptPreparer preparer;

		PreparerOnFirstUse(Dialect dialect, Supplier<Placeholders> placeholders) {
			this.dialect = dialect;
			this.placeholders = placeholders;
		}

		@Override
		public ScriptPreparer get() {
			if (this.preparer == null) {
				this.preparer = new ScriptPreparer(this.dialect.classifier(), this.placeholders.get());
			}
			return this.preparer;
		}

	}

	/**
	 * What a command has while it holds the lock.
	 *
	 * @param run the command's session and scripts
	 * @param settings the run's timeouts, restored when the lock is released
	 * @param ledger the ledger as read under the lock
	 * @param waited how long the lock took
	 * @param adopted what was taken over from Flyway's history before the ledger was
	 * read, {@code null} when nothing was
	 */
	record Locked(Run run, Dialect.Session settings, Ledger ledger, Duration waited,
			FlywayAdoption.@Nullable Adopted adopted) {

	}

	@FunctionalInterface
	interface Step<T> {

		T run(Run run) throws SQLException;

	}

	@FunctionalInterface
	interface LockedStep<T> {

		T run(Locked locked) throws SQLException;

	}

	@FunctionalInterface
	interface WorkDone<T> {

		T run(Duration waited) throws SQLException;

	}

}
