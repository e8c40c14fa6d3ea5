package io.migrator.core;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import io.migrator.core.MigrationException.Reason;
import io.migrator.core.internal.execute.PreparedScript;
import io.migrator.core.internal.execute.ScriptExecutor;
import io.migrator.core.internal.plan.Plan;
import io.migrator.core.internal.rehearse.LockProbe;
import io.migrator.core.internal.rehearse.SchemaReader;
import io.migrator.core.internal.rehearse.SchemaSnapshot;
import io.migrator.core.internal.rehearse.ScratchDatabase;
import io.migrator.core.internal.script.Script;
import io.migrator.core.lint.LintMode;
import io.migrator.core.rehearse.RehearsalReport;
import io.migrator.core.rehearse.RehearsalSettings;
import io.migrator.core.rehearse.RehearsalStep;
import io.migrator.core.rehearse.RehearsalStep.Outcome;
import io.migrator.core.rehearse.RehearsalStep.Pass;
import io.migrator.core.rehearse.SchemaDifference;
import io.migrator.core.resolve.ScriptScanner;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rehearsal, in a scratch database of its own, through the same engine as
 * {@code migrate} and {@code undo} (directives, transactions, ledger rows), in one
 * session for all three passes so that its cost grows with the number of scripts:
 * <ol>
 * <li><b>up</b>: each versioned script in turn, the schema read after each one, and the
 * locks it held on relations that existed before it;</li>
 * <li><b>down</b>: each undo script, newest first, the schema compared with the one
 * before its version. Only the change each script made is kept, so the expected schema is
 * walked back one script at a time. A difference is reported by the first script that
 * shows it and counts as known afterwards, so one forgotten index is one line;</li>
 * <li><b>up again</b>: the undone versions applied again, each compared with the first
 * pass.</li>
 * </ol>
 * Repeatable scripts are not rehearsed: they have no undo, and they run after every
 * versioned one.
 */
final class RehearsalRun {

	private static final Logger logger = LoggerFactory.getLogger(RehearsalRun.class);

	/**
	 * The catalog columns the rehearsal reads ({@code pg_proc.prokind},
	 * {@code plan_cache_mode}).
	 */
	private static final int MINIMUM_POSTGRESQL = 12;

	private final MigratorConfig config;

	private final RehearsalSettings settings;

	private final List<RehearsalStep> steps = new ArrayList<>();

	/** Differences already reported (or left by a failed undo), not reported again. */
	private final Set<SchemaDifference> known = new HashSet<>();

	private final long start = System.nanoTime();

	RehearsalRun(MigratorConfig config, RehearsalSettings settings) {
		this.config = config;
		this.settings = settings;
	}

	RehearsalReport run() {
		try (ScratchDatabase scratch = ScratchDatabase.create(this.settings.server())) {
			logger.info("Rehearsing the migrations in scratch database {}", scratch.name());
			MigratorConfig scratchConfig = this.config.toBuilder()
				.dataSource(this.settings.databases().apply(scratch.name()))
				.scriptScanner(withoutRepeatables(this.config.scriptScanner()))
				.lintMode(LintMode.OFF)
				.outOfOrder(false)
				.listeners(List.of())
				.build();
			CommandTemplate commands = new CommandTemplate(scratchConfig, new Listeners(List.of()));
			return commands.run(Command.REHEARSE, (run) -> commands.underLock(run,
					(locked) -> rehearse(commands, locked, scratch.name(), scratchConfig.dataSource())));
		}
	}

	private RehearsalReport report(String database) {
		return new RehearsalReport(database, this.steps, Duration.ofNanos(System.nanoTime() - this.start));
	}

	private RehearsalReport rehearse(CommandTemplate commands, CommandTemplate.Locked locked, String database,
			DataSource scratch) throws SQLException {
		DatabaseSession db = locked.run().db();
		if (!db.dialect.lintsWithCatalog()) {
			throw new MigrationException(Reason.CONFIGURATION,
					"The rehearsal reads PostgreSQL's catalog, and " + database + " is on " + db.dialect.vendor()
							+ ": set migrator.rehearsal.url to a PostgreSQL server");
		}
		if (db.connection.getMetaData().getDatabaseMajorVersion() < MINIMUM_POSTGRESQL) {
			throw new MigrationException(Reason.CONFIGURATION,
					"The rehearsal needs PostgreSQL " + MINIMUM_POSTGRESQL + " or later, and the server of " + database
							+ " is " + db.connection.getMetaData().getDatabaseProductVersion()
							+ ": set migrator.rehearsal.url to a newer server (the scripts themselves may still target"
							+ " the older one)");
		}
		try (LockProbe probe = new LockProbe(db.history.qualifiedName(), scratch)) {
			return rehearse(commands, locked, database, probe);
		}
	}

	private RehearsalReport rehearse(CommandTemplate commands, CommandTemplate.Locked locked, String database,
			LockProbe probe) throws SQLException {
		CommandTemplate.Run run = locked.run();
		DatabaseSession db = run.db();
		Plan plan = commands.validPlan(run, locked.ledger().rows(), "rehearse");
		List<Script> versions = plan.pending(this.settings.target(), false);
		String ledger = db.history.qualifiedName();
		ScriptExecutor executor = new ScriptExecutor(db.connection, db.dialect, locked.settings(), locked.ledger(),
				run.preparer(), 0, probe);
		SchemaReader reader = SchemaReader.start(db.connection, ledger);
		Passes passes = new Passes(run, executor, probe, reader);

		SchemaSnapshot schema = reader.read();
		List<List<SchemaDifference>> changes = new ArrayList<>();
		for (Script script : versions) {
			SchemaSnapshot before = schema;
			if (!passes.run(Pass.UP, script, script.type(), null)) {
				return report(database);
			}
			schema = reader.read();
			changes.add(schema.differencesFrom(before));
		}
		probe.recording(false);

		SchemaSnapshot expected = schema.copy();
		int lowest = versions.size();
		boolean downFailed = false;
		for (int i = versions.size() - 1; i >= 0; i--) {
			Version version = versions.get(i).version();
			if (!version.isNewerThan(this.settings.undoTo())) {
				break;
			}
			Script undo = run.catalog().undo(version);
			if (undo == null) {
				this.steps.add(new RehearsalStep(Pass.DOWN, version, null, Outcome.NO_UNDO, List.of(), null, List.of(),
						Duration.ZERO));
				break;
			}
			expected.revert(changes.get(i));
			if (!passes.run(Pass.DOWN, undo, MigrationType.UNDO, expected)) {
				downFailed = true;
				// What the failed undo left is known now: later steps report only theirs.
				this.known.addAll(reader.read().differencesFrom(expected));
				if (!this.settings.keepGoing()) {
					break;
				}
			}
			lowest = i;
		}
		if (downFailed) {
			return report(database);
		}
		for (int i = lowest; i < versions.size(); i++) {
			expected.apply(changes.get(i));
			if (!passes.run(Pass.UP_AGAIN, versions.get(i), versions.get(i).type(), expected)) {
				break;
			}
		}
		return report(database);
	}

	private static ScriptScanner withoutRepeatables(ScriptScanner scanner) {
		return (location) -> scanner.scan(location)
			.stream()
			.filter((resource) -> !resource.name().startsWith(MigrationType.REPEATABLE.prefix() + "__"))
			.toList();
	}

	/**
	 * Runs one script of a pass and records its step.
	 */
	private final class Passes {

		private final CommandTemplate.Run run;

		private final ScriptExecutor executor;

		private final LockProbe probe;

		private final SchemaReader reader;

		Passes(CommandTemplate.Run run, ScriptExecutor executor, LockProbe probe, SchemaReader reader) {
			this.run = run;
			this.executor = executor;
			this.probe = probe;
			this.reader = reader;
		}

		/**
		 * Run the script; compare the schema with the expected one, if given.
		 * @return whether the script ran
		 */
		boolean run(Pass pass, Script script, MigrationType type, @Nullable SchemaSnapshot expected)
				throws SQLException {
			long start = System.nanoTime();
			Version version = script.version();
			try {
				PreparedScript prepared = this.run.preparer().prepare(script, type);
				this.executor.execute(prepared);
			}
			catch (MigrationException ex) {
				RehearsalRun.this.steps.add(new RehearsalStep(pass, version, script.fileName(), Outcome.FAILED,
						List.of(), ex.getMessage(), this.probe.take(), since(start)));
				return false;
			}
			List<SchemaDifference> differences = List.of();
			if (expected != null) {
				differences = this.reader.read()
					.differencesFrom(expected)
					.stream()
					.filter((difference) -> !RehearsalRun.this.known.contains(difference))
					.toList();
				RehearsalRun.this.known.addAll(differences);
			}
			RehearsalRun.this.steps.add(new RehearsalStep(pass, version, script.fileName(),
					differences.isEmpty() ? Outcome.OK : Outcome.MISMATCH, differences, null, this.probe.take(),
					since(start)));
			return true;
		}

		private static Duration since(long start) {
			return Duration.ofNanos(System.nanoTime() - start);
		}

	}

}
