package io.migrator.autoconfigure;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.IntConsumer;

import io.migrator.autoconfigure.MigratorProperties.Command;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.Migrator;
import io.migrator.core.Version;
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

	private final PrintStream out;

	private final PrintStream err;

	private final IntConsumer exit;

	private @Nullable ApplicationContext context;

	public MigratorJobRunner(Migrator migrator, Command command, @Nullable Version target, boolean dryRun) {
		this(migrator, command, target, dryRun, System.out, System.err, System::exit);
	}

	MigratorJobRunner(Migrator migrator, Command command, @Nullable Version target, boolean dryRun, PrintStream out,
			PrintStream err, IntConsumer exit) {
		Assert.notNull(migrator, "'migrator' must not be null");
		Assert.notNull(command, "'command' must not be null");
		this.migrator = migrator;
		this.command = command;
		this.target = target;
		this.dryRun = dryRun;
		this.out = out;
		this.err = err;
		this.exit = exit;
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
		return this.command.name().toLowerCase(Locale.ROOT);
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
