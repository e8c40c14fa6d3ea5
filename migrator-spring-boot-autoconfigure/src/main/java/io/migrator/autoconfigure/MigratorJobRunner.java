package io.migrator.autoconfigure;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import io.migrator.autoconfigure.MigratorProperties.Command;
import io.migrator.autoconfigure.MigratorProperties.Rehearsal;
import io.migrator.autoconfigure.MigratorProperties.Lint.Format;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.Migrator;
import io.migrator.core.Version;
import io.migrator.core.lint.LintReport;
import io.migrator.core.rehearse.RehearsalReport;
import io.migrator.core.rehearse.RehearsalSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * Job mode ({@code migrator.mode=job}): runs {@code migrator.command} once, prints what
 * it did to standard output (a failure to standard error), closes the context and exits
 * the process: 0 on success, the failure's {@link Reason#exitCode() exit code} otherwise.
 * The environment post-processor turns the web server off in this mode, so
 * {@code java -jar app.jar
 * --migrator.mode=job} is an init container or a Kubernetes Job.
 * <p>
 * The failure is printed here and not thrown, so it is reported once and the exit code is
 * the reason's, not Spring Boot's generic 1.
 *
 * @since 0.1.0
 */
public class MigratorJobRunner implements ApplicationRunner, Ordered, ApplicationContextAware {

	private final Migrator migrator;

	private final Command command;

	private final @Nullable Version target;

	private final boolean dryRun;

	private final boolean lintAll;

	private final Format lintFormat;

	private final PrintStream out;

	private final PrintStream err;

	private final IntConsumer exit;

	private Supplier<RehearsalSettings> rehearsal;

	private Rehearsal.Format rehearsalFormat = Rehearsal.Format.TEXT;

	private @Nullable ApplicationContext context;

	public MigratorJobRunner(Migrator migrator, Command command, @Nullable Version target, boolean dryRun) {
		this(migrator, command, target, dryRun, false, Format.TEXT);
	}

	/**
	 * A job runner that can also lint.
	 * @param migrator the migrator
	 * @param command what to run
	 * @param target the target version, if any
	 * @param dryRun whether migrate and undo only print what they would run
	 * @param lintAll whether the lint command checks every script rather than the pending
	 * ones
	 * @param lintFormat how the lint command prints its findings
	 * @since 0.2.0
	 */
	public MigratorJobRunner(Migrator migrator, Command command, @Nullable Version target, boolean dryRun,
			boolean lintAll, Format lintFormat) {
		this(migrator, command, target, dryRun, lintAll, lintFormat, System.out, System.err, System::exit);
	}

	MigratorJobRunner(Migrator migrator, Command command, @Nullable Version target, boolean dryRun, PrintStream out,
			PrintStream err, IntConsumer exit) {
		this(migrator, command, target, dryRun, false, Format.TEXT, out, err, exit);
	}

	MigratorJobRunner(Migrator migrator, Command command, @Nullable Version target, boolean dryRun, boolean lintAll,
			Format lintFormat, PrintStream out, PrintStream err, IntConsumer exit) {
		Assert.notNull(migrator, "'migrator' must not be null");
		Assert.notNull(command, "'command' must not be null");
		this.migrator = migrator;
		this.command = command;
		this.target = target;
		this.dryRun = dryRun;
		this.lintAll = lintAll;
		this.lintFormat = lintFormat;
		this.out = out;
		this.err = err;
		this.exit = exit;
		this.rehearsal = () -> RehearsalServer.settings(new Rehearsal(), migrator.config().dataSource(), target);
	}

	/**
	 * Where and how the {@code rehearse} command rehearses, and how it prints its report;
	 * by default on the migration database's server, everything undone, as text.
	 * @param settings the settings, asked for when the command runs
	 * @param format how to print the report
	 * @return this runner
	 * @since 0.3.0
	 */
	public MigratorJobRunner rehearsal(Supplier<RehearsalSettings> settings, Rehearsal.Format format) {
		this.rehearsal = settings;
		this.rehearsalFormat = format;
		return this;
	}

	@Override
	public void run(ApplicationArguments args) {
		int outcome = execute();
		// Closing the context first lets it shut down in order; exit() then ends threads
		// (schedulers, pools) that would otherwise keep a finished job alive.
		int code = (this.context != null) ? SpringApplication.exit(this.context, () -> outcome) : outcome;
		this.exit.accept(code);
	}

	/**
	 * Run the command and print its outcome.
	 * @return the process exit code
	 */
	int execute() {
		try {
			this.out.println(switch (this.command) {
				case MIGRATE -> this.dryRun ? JobReport.dryRun(this.migrator.dryRunMigrate(this.target))
						: JobReport.migrate(this.migrator.migrate(this.target));
				case UNDO -> this.dryRun ? JobReport.dryRun(this.migrator.dryRunUndo(requiredTarget()))
						: JobReport.undo(this.migrator.undo(requiredTarget()));
				case INFO -> JobReport.info(this.migrator.info());
				case VALIDATE -> validate();
				case REPAIR -> JobReport.repair(this.migrator.repair());
				case BASELINE -> JobReport.baseline(this.migrator.baseline(requiredTarget()));
				case LINT -> lint();
				case REHEARSE -> rehearse();
				case ADOPT_FLYWAY -> JobReport.adoptFlyway(this.migrator.adoptFlyway());
			});
			return 0;
		}
		catch (MigrationException ex) {
			this.err.println("migrator " + commandName() + " failed: " + ex.getMessage());
			return ex.reason().exitCode();
		}
	}

	private Version requiredTarget() {
		if (this.target == null) {
			String example = (this.command == Command.UNDO) ? " (0 undoes everything)" : "";
			throw new MigrationException(Reason.CONFIGURATION,
					"migrator.command=" + commandName() + " needs migrator.target: the version to "
							+ ((this.command == Command.UNDO) ? "go back to" : "adopt") + example
							+ ", e.g. --migrator.target=3");
		}
		return this.target;
	}

	private String commandName() {
		return this.command.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The lint's findings in the chosen format, and a failing exit while an unsuppressed
	 * error or warning remains: the findings go to standard output either way, so CI
	 * reads a complete JSON or SARIF document.
	 */
	private String lint() {
		LintReport report = this.migrator.lint(this.lintAll);
		if (report.blocks()) {
			this.out.println(LintOutput.render(report, this.lintFormat));
			throw new MigrationException(Reason.LINT, report.unsuppressed().size() + " unsuppressed lint finding(s):"
					+ " see the report above, and make each statement safe or suppress it with a reason");
		}
		return LintOutput.render(report, this.lintFormat);
	}

	/**
	 * The rehearsal's report, and a failing exit when it found a problem; the report goes
	 * to standard output either way.
	 */
	private String rehearse() {
		RehearsalReport report = this.migrator.rehearse(this.rehearsal.get());
		String rendered = RehearsalOutput.render(report, this.rehearsalFormat);
		if (!report.passed()) {
			this.out.println(rendered);
			throw new MigrationException(Reason.REHEARSAL, "the rehearsal found " + report.problems().size()
					+ " problem(s): see the report above, fix those scripts and rehearse again");
		}
		return rendered;
	}

	private String validate() {
		var result = this.migrator.validate();
		if (!result.isValid()) {
			throw new MigrationException(Reason.VALIDATION, JobReport.validate(result));
		}
		return JobReport.validate(result);
	}

	@Override
	public void setApplicationContext(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
