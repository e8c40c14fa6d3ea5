package io.migrator.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.migrator.core.lint.LintMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties for migrator. The defaults are the engine's own
 * ({@link io.migrator.core.MigratorConfig}); a test keeps them in step.
 * <p>
 * Long on purpose, as Boot's own properties classes are: a field, its javadoc (the IDE
 * metadata) and a getter and setter per property, and no logic.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("migrator")
public class MigratorProperties {

	/**
	 * Whether to enable migrator.
	 */
	private boolean enabled = true;

	/**
	 * How this application takes part in migrations: 'migrate' migrates at startup before
	 * it accepts traffic, 'await' waits for a migration run elsewhere, 'job' runs the
	 * command and exits.
	 */
	private Mode mode = Mode.MIGRATE;

	/**
	 * Command to run in job mode.
	 */
	private Command command = Command.MIGRATE;

	/**
	 * Highest version to migrate to. All pending migrations when not set.
	 */
	private @Nullable String target;

	/**
	 * Locations of migration scripts, as classpath:<path> or filesystem:<directory>.
	 */
	private List<String> locations = List.of("classpath:db/migration");

	/**
	 * Name of the schema history table.
	 */
	private String table = "migrator_schema_history";

	/**
	 * Schema of the history table. The connection's current schema when not set.
	 */
	private @Nullable String schema;

	/**
	 * Whether to apply a pending migration whose version is below one already applied.
	 */
	private boolean outOfOrder;

	/**
	 * User recorded in the history as having applied migrations. The database user when
	 * not set.
	 */
	private @Nullable String installedBy;

	/**
	 * Maximum time one statement of a script may run; 0 for no limit. If a duration
	 * suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration statementTimeout = Duration.ofSeconds(0);

	/**
	 * How long to keep trying, with backoff, while the database cannot be reached (it may
	 * still be starting); 0 to try once. If a duration suffix is not specified, seconds
	 * will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration connectTimeout = Duration.ofSeconds(30);

	/**
	 * Whether job mode only prints the SQL that migrate or undo would run, in order,
	 * without running it.
	 */
	private boolean dryRun;

	/**
	 * Values of the placeholders in scripts, by name: ${name} in a script is replaced
	 * with the value of migrator.placeholders.name before it runs.
	 */
	private Map<String, String> placeholders = new LinkedHashMap<>();

	/**
	 * Whether to replace placeholders in scripts. A script can turn it off for itself
	 * with '-- migrator:placeholders=false'.
	 */
	private boolean placeholderReplacement = true;

	/**
	 * Prefix of placeholders in scripts.
	 */
	private String placeholderPrefix = "${";

	/**
	 * Suffix of placeholders in scripts.
	 */
	private String placeholderSuffix = "}";

	private final Datasource datasource = new Datasource();

	private final Lock lock = new Lock();

	private final Postgresql postgresql = new Postgresql();

	private final Await await = new Await();

	private final Lint lint = new Lint();

	private final Rehearsal rehearsal = new Rehearsal();

	private final Flyway flyway = new Flyway();

	public Lint getLint() {
		return this.lint;
	}

	public Rehearsal getRehearsal() {
		return this.rehearsal;
	}

	public Flyway getFlyway() {
		return this.flyway;
	}

	public Map<String, String> getPlaceholders() {
		return this.placeholders;
	}

	public void setPlaceholders(Map<String, String> placeholders) {
		this.placeholders = placeholders;
	}

	public boolean isPlaceholderReplacement() {
		return this.placeholderReplacement;
	}

	public void setPlaceholderReplacement(boolean placeholderReplacement) {
		this.placeholderReplacement = placeholderReplacement;
	}

	public String getPlaceholderPrefix() {
		return this.placeholderPrefix;
	}

	public void setPlaceholderPrefix(String placeholderPrefix) {
		this.placeholderPrefix = placeholderPrefix;
	}

	public String getPlaceholderSuffix() {
		return this.placeholderSuffix;
	}

	public void setPlaceholderSuffix(String placeholderSuffix) {
		this.placeholderSuffix = placeholderSuffix;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public boolean isDryRun() {
		return this.dryRun;
	}

	public void setDryRun(boolean dryRun) {
		this.dryRun = dryRun;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public Command getCommand() {
		return this.command;
	}

	public void setCommand(Command command) {
		this.command = command;
	}

	public @Nullable String getTarget() {
		return this.target;
	}

	public void setTarget(@Nullable String target) {
		this.target = target;
	}

	public List<String> getLocations() {
		return this.locations;
	}

	public void setLocations(List<String> locations) {
		this.locations = locations;
	}

	public String getTable() {
		return this.table;
	}

	public void setTable(String table) {
		this.table = table;
	}

	public @Nullable String getSchema() {
		return this.schema;
	}

	public void setSchema(@Nullable String schema) {
		this.schema = schema;
	}

	public boolean isOutOfOrder() {
		return this.outOfOrder;
	}

	public void setOutOfOrder(boolean outOfOrder) {
		this.outOfOrder = outOfOrder;
	}

	public @Nullable String getInstalledBy() {
		return this.installedBy;
	}

	public void setInstalledBy(@Nullable String installedBy) {
		this.installedBy = installedBy;
	}

	public Duration getStatementTimeout() {
		return this.statementTimeout;
	}

	public void setStatementTimeout(Duration statementTimeout) {
		this.statementTimeout = statementTimeout;
	}

	public Datasource getDatasource() {
		return this.datasource;
	}

	public Lock getLock() {
		return this.lock;
	}

	public Postgresql getPostgresql() {
		return this.postgresql;
	}

	public Await getAwait() {
		return this.await;
	}

	/**
	 * How the application takes part in migrations.
	 */
	public enum Mode {

		/**
		 * Migrate at startup, before the application accepts traffic.
		 */
		MIGRATE,

		/**
		 * Never change the schema: wait at startup until it reaches the version this
		 * application ships.
		 */
		AWAIT,

		/**
		 * Run the configured command without a web server, print what it did and exit.
		 */
		JOB

	}

	/**
	 * The command that job mode runs.
	 */
	public enum Command {

		/**
		 * Apply pending migrations.
		 */
		MIGRATE,

		/**
		 * Print every migration and its state.
		 */
		INFO,

		/**
		 * Check that the scripts and the history agree.
		 */
		VALIDATE,

		/**
		 * Revert applied migrations with their undo scripts.
		 */
		UNDO,

		/**
		 * Mark failed or unfinished migrations as dealt with.
		 */
		REPAIR,

		/**
		 * Adopt an existing schema as being at a version.
		 */
		BASELINE,

		/**
		 * Check the pending scripts (or every script) for statements that lock tables in
		 * use or break the running version.
		 */
		LINT,

		/**
		 * Apply every script in a scratch database, undo them newest first checking that
		 * each undo script restores the schema before its version, apply them again, and
		 * report the locks each script takes.
		 */
		REHEARSE,

		/**
		 * Take over the history of a database Flyway migrated, once.
		 */
		ADOPT_FLYWAY

	}

	/**
	 * Credentials used for migrations instead of the application's own.
	 */
	public static class Datasource {

		/**
		 * JDBC URL of the database to migrate. The application's URL when not set.
		 */
		private @Nullable String url;

		/**
		 * Login user of the database to migrate. The application's user when neither this
		 * nor the URL is set.
		 */
		private @Nullable String username;

		/**
		 * Login password of the database to migrate. Never logged or shown.
		 */
		private @Nullable String password;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/**
	 * The lock that lets only one migrator run at a time.
	 */
	public static class Lock {

		/**
		 * Maximum time to wait for another migrator's lock before failing. If a duration
		 * suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration waitTimeout = Duration.ofMinutes(10);

		public Duration getWaitTimeout() {
			return this.waitTimeout;
		}

		public void setWaitTimeout(Duration waitTimeout) {
			this.waitTimeout = waitTimeout;
		}

	}

	/**
	 * PostgreSQL-specific settings.
	 */
	public static class Postgresql {

		/**
		 * Maximum time a statement of a script waits for a table lock before the script
		 * is rolled back (lock_timeout; on MySQL and MariaDB lock_wait_timeout and
		 * innodb_lock_wait_timeout, in whole seconds); 0 for no limit. If a duration
		 * suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration lockTimeout = Duration.ofSeconds(10);

		/**
		 * Number of times a transactional script that hit the lock timeout is retried.
		 */
		private int lockRetries = 3;

		public Duration getLockTimeout() {
			return this.lockTimeout;
		}

		public void setLockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
		}

		public int getLockRetries() {
			return this.lockRetries;
		}

		public void setLockRetries(int lockRetries) {
			this.lockRetries = lockRetries;
		}

	}

	/**
	 * Await mode.
	 */
	public static class Await {

		/**
		 * Maximum time to wait for the schema to reach the version this application ships
		 * before failing the start. If a duration suffix is not specified, seconds will
		 * be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration timeout = Duration.ofMinutes(10);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * The safety lint of scripts before they run.
	 */
	public static class Lint {

		/**
		 * What migrate does with lint findings of the scripts it is about to run: warn
		 * (log them), fail (refuse to run anything while an unsuppressed error or warning
		 * remains) or off.
		 */
		private LintMode mode = LintMode.WARN;

		/**
		 * Whether the lint job command checks every script rather than only the pending
		 * ones.
		 */
		private boolean all;

		/**
		 * How the lint job command prints its findings.
		 */
		private Format format = Format.TEXT;

		public LintMode getMode() {
			return this.mode;
		}

		public void setMode(LintMode mode) {
			this.mode = mode;
		}

		public boolean isAll() {
			return this.all;
		}

		public void setAll(boolean all) {
			this.all = all;
		}

		public Format getFormat() {
			return this.format;
		}

		public void setFormat(Format format) {
			this.format = format;
		}

		/**
		 * Output formats of the lint job command.
		 */
		public enum Format {

			/**
			 * A table a person reads.
			 */
			TEXT,

			/**
			 * One JSON document, for scripts.
			 */
			JSON,

			/**
			 * SARIF 2.1.0, for code scanning in CI.
			 */
			SARIF

		}

	}

	/**
	 * The rehearsal job command: scripts up, undo scripts down and up again in a scratch
	 * database it creates and drops.
	 */
	public static class Rehearsal {

		/**
		 * JDBC URL of the PostgreSQL server to create the scratch database on; its
		 * database is only used to create and drop the scratch one. The migration
		 * database's server when not set.
		 */
		private @Nullable String url;

		/**
		 * Login user on that server, a role that may create databases. The migration user
		 * when not set.
		 */
		private @Nullable String username;

		/**
		 * Login password on that server. Never logged or shown.
		 */
		private @Nullable String password;

		/**
		 * Whether the down pass goes on past an undo script that fails, counting what it
		 * left behind as known so later steps report only their own differences.
		 */
		private boolean keepGoing;

		/**
		 * The version the down pass undoes back to; 0 undoes everything.
		 */
		private String undoTo = "0";

		/**
		 * How the rehearse job command prints its report.
		 */
		private Format format = Format.TEXT;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public boolean isKeepGoing() {
			return this.keepGoing;
		}

		public void setKeepGoing(boolean keepGoing) {
			this.keepGoing = keepGoing;
		}

		public String getUndoTo() {
			return this.undoTo;
		}

		public void setUndoTo(String undoTo) {
			this.undoTo = undoTo;
		}

		public Format getFormat() {
			return this.format;
		}

		public void setFormat(Format format) {
			this.format = format;
		}

		/**
		 * Output formats of the rehearse job command.
		 */
		public enum Format {

			/**
			 * A summary a person reads: the outcome, each problem, the locks.
			 */
			TEXT,

			/**
			 * One JSON document with every step, for CI.
			 */
			JSON

		}

	}

	/**
	 * Moving from Flyway: its history table, when migrator's is absent.
	 */
	public static class Flyway {

		/**
		 * Whether to take over Flyway's history (its rows become migrator's ledger) when
		 * migrator's history table is absent; when false, such a database fails the start
		 * rather than being migrated again.
		 */
		private boolean adopt;

		/**
		 * Name of Flyway's history table.
		 */
		private String table = "flyway_schema_history";

		/**
		 * Schema of Flyway's history table. The connection's current schema when not set.
		 */
		private @Nullable String schema;

		public boolean isAdopt() {
			return this.adopt;
		}

		public void setAdopt(boolean adopt) {
			this.adopt = adopt;
		}

		public String getTable() {
			return this.table;
		}

		public void setTable(String table) {
			this.table = table;
		}

		public @Nullable String getSchema() {
			return this.schema;
		}

		public void setSchema(@Nullable String schema) {
			this.schema = schema;
		}

	}

}
