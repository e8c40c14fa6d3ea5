package io.migrator.core;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.migrator.core.MigrationException.Reason;
import io.migrator.core.internal.execute.PreparedScript;
import io.migrator.core.internal.execute.ScriptPreparer;
import io.migrator.core.internal.history.Ledger;
import io.migrator.core.internal.plan.Plan;
import io.migrator.core.internal.plan.PlanRules;
import io.migrator.core.internal.plan.Problem;
import io.migrator.core.internal.plan.Repair;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import io.migrator.core.lint.LintReport;
import io.migrator.core.rehearse.RehearsalReport;
import io.migrator.core.rehearse.RehearsalSettings;
import org.jspecify.annotations.Nullable;

/**
 * The commands: {@code migrate}, {@code undo}, {@code repair}, {@code baseline},
 * {@code adoptFlyway}, {@code info}, {@code validate}, {@code awaitVersion}, {@code lint}
 * and {@code rehearse}. Each returns a result and never prints; progress goes to the
 * {@link MigrationListener listeners} (and the log).
 * <p>
 * Each command is a few lines over one template ({@link CommandTemplate}): session, then
 * catalog, then lock, then history, then plan, then execute, then record. Every command
 * that writes:
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

	private final MigratorConfig config;

	private final Listeners listeners;

	private final CommandTemplate commands;

	public Migrator(MigratorConfig config) {
		this.config = config;
		this.listeners = new Listeners(config.listeners());
		this.commands = new CommandTemplate(config, this.listeners);
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
		return this.commands.run(Command.MIGRATE, (run) -> {
			CommandTemplate.LockedStep<MigrateResult> work = (locked) -> {
				Plan plan = this.commands.validPlan(run, locked.ledger().rows(), "migrate");
				List<Script> pending = PlanRules.toMigrate(plan, run.catalog(), target, this.config.outOfOrder());
				List<PreparedScript> prepared = run.preparer().prepareAll(pending, null);
				this.commands.lintBeforeRunning(run, prepared);
				return this.commands.execute(locked, plan, prepared);
			};
			if (this.commands.hasMigrateCallbacks(run)) {
				// Flyway runs beforeMigrate and afterMigrate on every migrate, under its
				// lock: so does migrate when there are such callbacks.
				return this.commands.underLock(run, work);
			}
			UpToDateCheck check = new UpToDateCheck(run.db(), run.catalog(), target, this.config.outOfOrder());
			try (ScriptCatalog.Reading ahead = run.catalog().readFingerprintsAhead()) {
				if (check.upToDate()) {
					return nothingToDo(run, check.plan(), target, Duration.ZERO);
				}
			}
			return this.commands.underLock(run, check, work,
					(waited) -> nothingToDo(run, check.plan(), target, waited));
		});
	}

	private MigrateResult nothingToDo(CommandTemplate.Run run, Plan plan, @Nullable Version target, Duration lockWait) {
		PlanRules.checkMigrateTarget(plan, run.catalog(), target);
		return this.commands.nothingToDo(run, plan, lockWait);
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
		return this.commands.run(Command.UNDO, (run) -> this.commands.underLock(run, (locked) -> {
			Plan plan = this.commands.validPlan(run, locked.ledger().rows(), "undo");
			List<Script> undos = PlanRules.toUndo(plan, run.catalog(), target);
			return this.commands.execute(locked, plan, run.preparer().prepareAll(undos, MigrationType.UNDO));
		}));
	}

	/**
	 * Resolve what stops {@code migrate} after a person has looked at it: clear failed
	 * and unfinished attempts (they become pending again) and accept edited scripts'
	 * checksums. It only appends ledger rows, and never deletes one.
	 * @return what was repaired
	 */
	public RepairResult repair() {
		return this.commands.run(Command.REPAIR, (run) -> this.commands.underLock(run, (locked) -> {
			Ledger ledger = locked.ledger();
			List<String> changes = new ArrayList<>();
			for (Repair repair : Plan.of(run.catalog(), ledger.rows()).repairs()) {
				ledger.append(run.db().connection, ledger.settlingRow(repair.version(), repair.description(),
						repair.type(), repair.script(), repair.checksum(), repair.fingerprint(), repair.status()));
				changes.add(repair.change());
			}
			return new RepairResult(changes, Plan.of(run.catalog(), ledger.reread(run.db().connection)).info());
		}));
	}

	/**
	 * Adopt an existing database as being at a version: scripts up to it are never run
	 * here. Only on a database whose history is empty.
	 * @param version the version the existing schema corresponds to
	 * @return the state after the baseline
	 */
	public InfoResult baseline(Version version) {
		return this.commands.run(Command.BASELINE, (run) -> this.commands.underLock(run, (locked) -> {
			Ledger ledger = locked.ledger();
			Plan plan = Plan.of(run.catalog(), ledger.rows());
			if (plan.hasHistory()) {
				throw new MigrationException(Reason.TARGET,
						"Cannot baseline " + ledger.qualifiedName() + " at version " + version
								+ ": its history is not empty (schema version " + plan.schemaVersion()
								+ "). A baseline adopts a database that migrator has never migrated");
			}
			ledger.append(run.db().connection, ledger.baselineRow(version));
			return Plan.of(run.catalog(), ledger.reread(run.db().connection)).info();
		}));
	}

	/**
	 * Take over the history of a database that Flyway migrated: when migrator's ledger is
	 * absent (or empty), every row of Flyway's table ({@code flyway_schema_history} in
	 * the current schema, or as configured) becomes a ledger row, in one transaction
	 * under the lock. Each applied script is checked against Flyway's own checksum first,
	 * and the adoption is refused, with every row that stops it, when a file changed
	 * since Flyway applied it, a row failed, or a row has no equivalent here. Flyway's
	 * table is only read. With the ledger present it does nothing: an adoption happens
	 * once.
	 * <p>
	 * {@code migrate} does the same first when {@link MigratorConfig#flywayAdopt()} is
	 * set, and refuses to run on a database with a Flyway history and no ledger when it
	 * is not.
	 * @return what was adopted
	 * @throws MigrationException with reason {@code VALIDATION} when a row cannot be
	 * adopted, {@code CONFIGURATION} when there is neither a ledger nor Flyway's table
	 * @since 0.3.0
	 */
	public AdoptResult adoptFlyway() {
		return this.commands.run(Command.ADOPT_FLYWAY, (run) -> this.commands.underLock(run, (locked) -> {
			InfoResult info = Plan.of(run.catalog(), locked.ledger().rows()).info();
			if (locked.adopted() != null) {
				return new AdoptResult(locked.adopted().table(), locked.adopted().flywayRows(),
						locked.adopted().rows().size(), info);
			}
			if (locked.ledger().rows().isEmpty()) {
				String schema = (this.config.flywaySchema() != null) ? this.config.flywaySchema()
						: run.db().dialect.currentSchema(run.db().connection);
				throw new MigrationException(Reason.CONFIGURATION,
						"Nothing to adopt: there is no Flyway history table '" + this.config.flywayTable()
								+ "' with rows in schema '" + schema + "'. If Flyway used another table or schema,"
								+ " set migrator.flyway.table and migrator.flyway.schema");
			}
			return new AdoptResult(null, 0, 0, info);
		}));
	}

	/**
	 * Describe every migration and the schema's version, without the lock and without
	 * changing anything (the history table is not created).
	 * @return the state
	 */
	public InfoResult info() {
		return this.commands.run(Command.INFO, (run) -> planWithoutLock(run).info());
	}

	/**
	 * Check that the scripts and the history agree, without changing anything.
	 * @return the problems found, each with its fix
	 */
	public ValidateResult validate() {
		return this.commands.run(Command.VALIDATE, (run) -> {
			// Compared by SHA-256 alone: validate does not take a matching fingerprint
			// for an unchanged script, as a start does.
			run.catalog().hashComparedScripts();
			Plan plan = planWithoutLock(run);
			List<String> problems = plan.problems(this.config.outOfOrder()).stream().map(Problem::message).toList();
			return new ValidateResult(problems, plan.info());
		});
	}

	/**
	 * Wait, without the lock and without changing anything, until the schema reaches the
	 * version this application ships (or the target), as await mode does for replicas
	 * behind a migration job. The scripts are scanned and hashed once; each poll counts
	 * the ledger's rows and reads it whole only when that count changed. A database that
	 * cannot be reached yet, or whose session ends while waiting, counts as not migrated
	 * yet.
	 * @param target the version to wait for, {@code null} for the latest script
	 * @param timeout how long to wait at most
	 * @return the state once reached
	 * @throws MigrationException with reason {@code AWAIT_TIMEOUT} after the timeout, or
	 * {@code VALIDATION} when the database applied other content than this application
	 * ships
	 * @since 0.2.0
	 */
	public InfoResult awaitVersion(@Nullable Version target, Duration timeout) {
		return new SchemaAwait(this.listeners, this.commands, target, timeout).await();
	}

	/**
	 * {@link #awaitVersion(Version, Duration)}, telling one more listener how the wait
	 * goes (such as an application's health, whichever listeners this migrator was built
	 * with).
	 * @param target the version to wait for, {@code null} for the latest script
	 * @param timeout how long to wait at most
	 * @param progress told {@link MigrationListener#awaiting} after every look and
	 * {@link MigrationListener#awaited} at the end, besides the configured listeners
	 * @return the state once reached
	 * @since 0.2.0
	 */
	public InfoResult awaitVersion(@Nullable Version target, Duration timeout, MigrationListener progress) {
		return new SchemaAwait(this.listeners.with(progress), this.commands, target, timeout).await();
	}

	/**
	 * Check scripts for statements that lock tables in use or break the running version,
	 * without the lock and without changing anything: the pending scripts, as
	 * {@code migrate} would run them next, or every script. Tables in the live catalog
	 * and tables created by applied scripts are in use; a table created by a script of
	 * the same run is new. On a database other than PostgreSQL the PostgreSQL rules run
	 * without its catalog.
	 * @param all whether to check every script rather than only the pending ones
	 * @return the findings, suppressed ones included
	 * @since 0.2.0
	 */
	public LintReport lint(boolean all) {
		return this.commands.run(Command.LINT, (run) -> {
			Plan plan = planWithoutLock(run);
			List<Script> toCheck = all ? run.catalog().inRunOrder() : plan.pending(null, this.config.outOfOrder());
			LintReport report = this.commands.lint(run, all ? List.of() : plan.scriptsInSchema(), toCheck);
			this.listeners.linted(report);
			return report;
		});
	}

	/**
	 * Rehearse the migrations in a scratch database of their own on the server, created
	 * and dropped for the purpose: apply each versioned script, undo them newest first
	 * checking that each undo script restores the schema before its version exactly, then
	 * apply the undone versions again. The database being migrated is never touched. On
	 * PostgreSQL only.
	 * @param settings where and how far to rehearse
	 * @return every step, with each difference, failure and the locks of the first pass
	 * @throws MigrationException if the scratch database cannot be created, or the
	 * scripts are invalid; a script that fails is a step of the report, not an exception
	 * @since 0.3.0
	 */
	public RehearsalReport rehearse(RehearsalSettings settings) {
		return new RehearsalRun(this.config, settings).run();
	}

	/**
	 * What {@code migrate} would run now, without the lock and without changing anything.
	 * @param target the highest version to apply, {@code null} for all
	 * @return the scripts and their statements, in order
	 */
	public DryRun dryRunMigrate(@Nullable Version target) {
		return this.commands.run(Command.MIGRATE_DRY_RUN, (run) -> {
			Plan plan = validPlanWithoutLock(run, "migrate");
			List<Script> pending = PlanRules.toMigrate(plan, run.catalog(), target, this.config.outOfOrder());
			return dryRun(run, "migrate", plan, run.preparer().prepareAll(pending, null));
		});
	}

	/**
	 * What {@code undo} would run now, without the lock and without changing anything.
	 * @param target the version to go back to
	 * @return the undo scripts and their statements, in order
	 */
	public DryRun dryRunUndo(Version target) {
		return this.commands.run(Command.UNDO_DRY_RUN, (run) -> {
			Plan plan = validPlanWithoutLock(run, "undo");
			List<Script> undos = PlanRules.toUndo(plan, run.catalog(), target);
			return dryRun(run, "undo", plan, run.preparer().prepareAll(undos, MigrationType.UNDO));
		});
	}

	private static Plan planWithoutLock(CommandTemplate.Run run) throws SQLException {
		return Plan.of(run.catalog(), run.db().history.read(run.db().connection));
	}

	private Plan validPlanWithoutLock(CommandTemplate.Run run, String command) throws SQLException {
		return this.commands.validPlan(run, run.db().history.read(run.db().connection), command);
	}

	private static DryRun dryRun(CommandTemplate.Run run, String command, Plan plan, List<PreparedScript> scripts) {
		List<DryRun.PlannedScript> planned = new ArrayList<>();
		for (PreparedScript script : scripts) {
			List<String> statements = new ArrayList<>();
			try (ScriptPreparer.Statements each = run.preparer().statements(script)) {
				each.forEachRemaining((statement) -> statements.add(statement.sql()));
			}
			planned.add(new DryRun.PlannedScript(script.script().version(), script.type(), script.script().fileName(),
					script.transactional(), statements));
		}
		return new DryRun(command, plan.schemaVersion(), CommandTemplate.versionAfter(plan, scripts), planned);
	}

}
