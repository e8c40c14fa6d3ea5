package io.migrator.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.migrator.core.callback.Callback;
import io.migrator.core.internal.script.DefaultScriptScanner;
import io.migrator.core.java.JavaMigration;
import io.migrator.core.lint.LintMode;
import io.migrator.core.resolve.ScriptScanner;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Migrator} works: immutable, built once with {@link #builder()} and
 * validated in {@link Builder#build()}. Each validation message names the setting (and
 * its Spring Boot property) and how to fix it.
 * <p>
 * Longer than the other classes on purpose: it is one accessor, one builder method and
 * one validation rule per setting, each with its javadoc, and splitting the settings
 * across classes would only spread one list over several files.
 *
 * @since 0.1.0
 */
public final class MigratorConfig {

	/** Where scripts are looked for when no location is configured. */
	public static final String DEFAULT_LOCATION = "classpath:db/migration";

	/** The history table's name when none is configured. */
	public static final String DEFAULT_TABLE = "migrator_schema_history";

	/** How long a migrator waits for another one's lock by default. */
	public static final Duration DEFAULT_LOCK_WAIT_TIMEOUT = Duration.ofMinutes(10);

	/** The default per-statement lock timeout of a script. */
	public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

	/** How long a migrator keeps trying to reach an unreachable database by default. */
	public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * How often a transactional script that hit the lock timeout is retried by default.
	 */
	public static final int DEFAULT_LOCK_RETRIES = 3;

	/** Flyway's history table's name when none is configured, as Flyway's own default. */
	public static final String DEFAULT_FLYWAY_TABLE = "flyway_schema_history";

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

	private final DataSource dataSource;

	private final List<String> locations;

	private final String table;

	private final @Nullable String schema;

	private final ScriptScanner scriptScanner;

	private final Duration lockWaitTimeout;

	private final Duration lockTimeout;

	private final Duration statementTimeout;

	private final int lockRetries;

	private final Duration connectTimeout;

	private final boolean outOfOrder;

	private final LintMode lintMode;

	private final @Nullable String installedBy;

	private final boolean flywayAdopt;

	private final String flywayTable;

	private final @Nullable String flywaySchema;

	private final List<MigrationListener> listeners;

	private final Clock clock;

	private final Map<String, String> placeholders;

	private final List<Callback> callbacks;

	private final List<JavaMigration> javaMigrations;

	private final boolean placeholderReplacement;

	private final String placeholderPrefix;

	private final String placeholderSuffix;

	private MigratorConfig(Builder builder, DataSource dataSource, ScriptScanner scanner) {
		this.dataSource = dataSource;
		this.locations = List.copyOf(builder.locations);
		this.table = builder.table;
		this.schema = builder.schema;
		this.scriptScanner = scanner;
		this.lockWaitTimeout = builder.lockWaitTimeout;
		this.lockTimeout = builder.lockTimeout;
		this.statementTimeout = builder.statementTimeout;
		this.lockRetries = builder.lockRetries;
		this.connectTimeout = builder.connectTimeout;
		this.outOfOrder = builder.outOfOrder;
		this.lintMode = builder.lintMode;
		this.installedBy = builder.installedBy;
		this.flywayAdopt = builder.flywayAdopt;
		this.flywayTable = builder.flywayTable;
		this.flywaySchema = builder.flywaySchema;
		this.listeners = List.copyOf(builder.listeners);
		this.clock = builder.clock;
		this.placeholders = Map.copyOf(builder.placeholders);
		this.callbacks = List.copyOf(builder.callbacks);
		this.javaMigrations = List.copyOf(builder.javaMigrations);
		this.placeholderReplacement = builder.placeholderReplacement;
		this.placeholderPrefix = builder.placeholderPrefix;
		this.placeholderSuffix = builder.placeholderSuffix;
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder that starts with every setting of this configuration.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.dataSource = this.dataSource;
		builder.locations = new ArrayList<>(this.locations);
		builder.table = this.table;
		builder.schema = this.schema;
		builder.scriptScanner = this.scriptScanner;
		builder.lockWaitTimeout = this.lockWaitTimeout;
		builder.lockTimeout = this.lockTimeout;
		builder.statementTimeout = this.statementTimeout;
		builder.lockRetries = this.lockRetries;
		builder.connectTimeout = this.connectTimeout;
		builder.outOfOrder = this.outOfOrder;
		builder.lintMode = this.lintMode;
		builder.installedBy = this.installedBy;
		builder.flywayAdopt = this.flywayAdopt;
		builder.flywayTable = this.flywayTable;
		builder.flywaySchema = this.flywaySchema;
		builder.listeners = new ArrayList<>(this.listeners);
		builder.clock = this.clock;
		builder.placeholders = new LinkedHashMap<>(this.placeholders);
		builder.callbacks = new ArrayList<>(this.callbacks);
		builder.javaMigrations = new ArrayList<>(this.javaMigrations);
		builder.placeholderReplacement = this.placeholderReplacement;
		builder.placeholderPrefix = this.placeholderPrefix;
		builder.placeholderSuffix = this.placeholderSuffix;
		return builder;
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public List<String> locations() {
		return this.locations;
	}

	public String table() {
		return this.table;
	}

	public @Nullable String schema() {
		return this.schema;
	}

	public ScriptScanner scriptScanner() {
		return this.scriptScanner;
	}

	public Duration lockWaitTimeout() {
		return this.lockWaitTimeout;
	}

	public Duration lockTimeout() {
		return this.lockTimeout;
	}

	/**
	 * The per-statement timeout of scripts; {@link Duration#ZERO} means none.
	 * @return the statement timeout
	 */
	public Duration statementTimeout() {
		return this.statementTimeout;
	}

	public int lockRetries() {
		return this.lockRetries;
	}

	/**
	 * How long to keep trying while the database cannot be reached; zero tries once.
	 * @return the connect timeout
	 */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	public boolean outOfOrder() {
		return this.outOfOrder;
	}

	/**
	 * What {@code migrate} does with the lint findings of the scripts it is about to run.
	 * @return the lint mode
	 * @since 0.2.0
	 */
	public LintMode lintMode() {
		return this.lintMode;
	}

	public @Nullable String installedBy() {
		return this.installedBy;
	}

	/**
	 * Whether a command that writes takes over Flyway's history when migrator's ledger is
	 * absent; when not, it refuses to run on such a database.
	 * @return whether to adopt Flyway's history
	 * @since 0.3.0
	 */
	public boolean flywayAdopt() {
		return this.flywayAdopt;
	}

	/**
	 * The name of Flyway's history table, looked for when migrator's ledger is absent.
	 * @return the table's name
	 * @since 0.3.0
	 */
	public String flywayTable() {
		return this.flywayTable;
	}

	/**
	 * The schema of Flyway's history table; {@code null} for the connection's current
	 * schema (Flyway's default).
	 * @return the schema or {@code null}
	 * @since 0.3.0
	 */
	public @Nullable String flywaySchema() {
		return this.flywaySchema;
	}

	public List<MigrationListener> listeners() {
		return this.listeners;
	}

	public Clock clock() {
		return this.clock;
	}

	/**
	 * The callbacks run at each {@link io.migrator.core.callback.Event}, after the SQL
	 * callbacks of the locations, in this order.
	 * @return the callbacks
	 * @since 0.3.0
	 */
	public List<Callback> callbacks() {
		return this.callbacks;
	}

	/**
	 * The Java migrations, run in version order with the scripts.
	 * @return the Java migrations
	 * @since 0.3.0
	 */
	public List<JavaMigration> javaMigrations() {
		return this.javaMigrations;
	}

	/**
	 * The values of the scripts' placeholders, by name.
	 * @return the values
	 * @since 0.3.0
	 */
	public Map<String, String> placeholders() {
		return this.placeholders;
	}

	/**
	 * Whether placeholders in scripts are replaced before they run.
	 * @return whether to replace them
	 * @since 0.3.0
	 */
	public boolean placeholderReplacement() {
		return this.placeholderReplacement;
	}

	/**
	 * What starts a placeholder.
	 * @return the prefix, <code>${</code> by default
	 * @since 0.3.0
	 */
	public String placeholderPrefix() {
		return this.placeholderPrefix;
	}

	/**
	 * What ends a placeholder.
	 * @return the suffix, <code>}</code> by default
	 * @since 0.3.0
	 */
	public String placeholderSuffix() {
		return this.placeholderSuffix;
	}

	/**
	 * Collects settings; {@link #build()} validates them all at once.
	 */
	public static final class Builder {

		private @Nullable DataSource dataSource;

		private List<String> locations = new ArrayList<>(List.of(DEFAULT_LOCATION));

		private String table = DEFAULT_TABLE;

		private @Nullable String schema;

		private @Nullable ScriptScanner scriptScanner;

		private Duration lockWaitTimeout = DEFAULT_LOCK_WAIT_TIMEOUT;

		private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;

		private Duration statementTimeout = Duration.ZERO;

		private int lockRetries = DEFAULT_LOCK_RETRIES;

		private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;

		private boolean outOfOrder;

		private LintMode lintMode = LintMode.WARN;

		private @Nullable String installedBy;

		private boolean flywayAdopt;

		private String flywayTable = DEFAULT_FLYWAY_TABLE;

		private @Nullable String flywaySchema;

		private List<MigrationListener> listeners = new ArrayList<>();

		private Clock clock = Clock.systemUTC();

		private Map<String, String> placeholders = new LinkedHashMap<>();

		private List<Callback> callbacks = new ArrayList<>();

		private List<JavaMigration> javaMigrations = new ArrayList<>();

		private boolean placeholderReplacement = true;

		private String placeholderPrefix = "${";

		private String placeholderSuffix = "}";

		private Builder() {
		}

		/**
		 * The database to migrate. The migrator takes one connection for a run (two on
		 * H2) and returns it when done.
		 * @param dataSource the data source
		 * @return this builder
		 */
		public Builder dataSource(DataSource dataSource) {
			this.dataSource = dataSource;
			return this;
		}

		/**
		 * Where scripts are: {@code classpath:db/migration} (the default) or
		 * {@code filesystem:/path}; a location without prefix is a classpath location.
		 * @param locations the locations
		 * @return this builder
		 */
		public Builder locations(List<String> locations) {
			this.locations = new ArrayList<>(locations);
			return this;
		}

		public Builder locations(String... locations) {
			return locations(List.of(locations));
		}

		public Builder table(String table) {
			this.table = table;
			return this;
		}

		public Builder schema(@Nullable String schema) {
			this.schema = schema;
			return this;
		}

		/**
		 * How locations are listed; the Spring Boot integration plugs in Spring's
		 * resource resolver here.
		 * @param scriptScanner the scanner
		 * @return this builder
		 */
		public Builder scriptScanner(ScriptScanner scriptScanner) {
			this.scriptScanner = scriptScanner;
			return this;
		}

		public Builder lockWaitTimeout(Duration lockWaitTimeout) {
			this.lockWaitTimeout = lockWaitTimeout;
			return this;
		}

		public Builder lockTimeout(Duration lockTimeout) {
			this.lockTimeout = lockTimeout;
			return this;
		}

		public Builder statementTimeout(Duration statementTimeout) {
			this.statementTimeout = statementTimeout;
			return this;
		}

		public Builder lockRetries(int lockRetries) {
			this.lockRetries = lockRetries;
			return this;
		}

		/**
		 * How long to keep trying, with backoff, while the database cannot be reached (it
		 * may still be starting); authentication failures are never retried.
		 * @param connectTimeout the timeout, zero to try once
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		public Builder outOfOrder(boolean outOfOrder) {
			this.outOfOrder = outOfOrder;
			return this;
		}

		/**
		 * What {@code migrate} does with the lint findings of the scripts it is about to
		 * run: log them ({@code WARN}, the default), refuse to run while one remains
		 * ({@code FAIL}), or not lint ({@code OFF}).
		 * @param lintMode the mode
		 * @return this builder
		 * @since 0.2.0
		 */
		public Builder lintMode(LintMode lintMode) {
			this.lintMode = lintMode;
			return this;
		}

		public Builder installedBy(@Nullable String installedBy) {
			this.installedBy = installedBy;
			return this;
		}

		/**
		 * Whether a command that writes takes over Flyway's history when migrator's
		 * ledger is absent ({@link Migrator#adoptFlyway()}); when not (the default), it
		 * refuses to run on a database whose history is Flyway's.
		 * @param flywayAdopt whether to adopt
		 * @return this builder
		 * @since 0.3.0
		 */
		public Builder flywayAdopt(boolean flywayAdopt) {
			this.flywayAdopt = flywayAdopt;
			return this;
		}

		/**
		 * The name of Flyway's history table ({@code spring.flyway.table}).
		 * @param flywayTable the name, {@code flyway_schema_history} by default
		 * @return this builder
		 * @since 0.3.0
		 */
		public Builder flywayTable(String flywayTable) {
			this.flywayTable = flywayTable;
			return this;
		}

		/**
		 * The schema of Flyway's history table ({@code spring.flyway.default-schema}).
		 * @param flywaySchema the schema, {@code null} for the connection's current one
		 * @return this builder
		 * @since 0.3.0
		 */
		public Builder flywaySchema(@Nullable String flywaySchema) {
			this.flywaySchema = flywaySchema;
			return this;
		}

		public Builder listener(MigrationListener listener) {
			this.listeners.add(listener);
			return this;
		}

		public Builder listeners(List<MigrationListener> listeners) {
			this.listeners = new ArrayList<>(listeners);
			return this;
		}

		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Add a callback, run on the migration connection at each event it supports,
		 * after the SQL callbacks (such as {@code afterMigrate.sql}) of the locations.
		 * @param callback the callback
		 * @return this builder
		 * @since 0.3.0
		 */
		public Builder callback(Callback callback) {
			this.callbacks.add(callback);
			return this;
		}

		/**
		 * The callbacks, in the order they run.
		 * @param callbacks the callbacks
		 * @return this builder
		 * @since 0.3.0
		 */
		public Builder callbacks(List<Callback> callbacks) {
			this.callbacks = new ArrayList<>(callbacks);
			return this;
		}

		/**
		 * Add a Java migration: it runs in version order with the scripts, in one
		 * transaction with its ledger row.
		 * @param javaMigration the migration
		 * @return this builder
		 * @since 0.3.0
		 */
		public Builder javaMigration(JavaMigration javaMigration) {
			this.javaMigrations.add(javaMigration);
			return this;
		}

		/**
		 * The Java migrations.
		 * @param javaMigrations the migrations
		 * @return this builder
		 * @since 0.3.0
		 */
		public Builder javaMigrations(List<JavaMigration> javaMigrations) {
			this.javaMigrations = new ArrayList<>(javaMigrations);
			return this;
		}

		/**
		 * The values that replace <code>${name}</code> in scripts, as Flyway's
		 * placeholders; names are matched ignoring case. Built in, each also as
		 * {@code migrator:<name>}: {@code flyway:defaultSchema}, {@code flyway:user},
		 * {@code flyway:database}, {@code flyway:timestamp}, {@code flyway:filename},
		 * {@code flyway:table}.
		 * @param placeholders the values by name
		 * @return this builder
		 * @since 0.3.0
		 */
		public Builder placeholders(Map<String, String> placeholders) {
			this.placeholders = new LinkedHashMap<>(placeholders);
			return this;
		}

		/**
		 * Whether placeholders are replaced (the default); a script can turn it off for
		 * itself with {@code -- migrator:placeholders=false}.
		 * @param placeholderReplacement whether to replace
		 * @return this builder
		 * @since 0.3.0
		 */
		public Builder placeholderReplacement(boolean placeholderReplacement) {
			this.placeholderReplacement = placeholderReplacement;
			return this;
		}

		/**
		 * What starts a placeholder.
		 * @param placeholderPrefix the prefix, <code>${</code> by default
		 * @return this builder
		 * @since 0.3.0
		 */
		public Builder placeholderPrefix(String placeholderPrefix) {
			this.placeholderPrefix = placeholderPrefix;
			return this;
		}

		/**
		 * What ends a placeholder.
		 * @param placeholderSuffix the suffix, <code>}</code> by default
		 * @return this builder
		 * @since 0.3.0
		 */
		public Builder placeholderSuffix(String placeholderSuffix) {
			this.placeholderSuffix = placeholderSuffix;
			return this;
		}

		/**
		 * Validate every setting and build the configuration.
		 * @return the configuration
		 * @throws MigrationException with reason {@code CONFIGURATION} naming every
		 * invalid setting
		 */
		public MigratorConfig build() {
			List<String> problems = new ArrayList<>();
			if (this.dataSource == null) {
				problems.add(
						"dataSource is required: pass the database to migrate to MigratorConfig.builder().dataSource(...)"
								+ " (Spring Boot: define a DataSource or set migrator.datasource.url)");
			}
			if (this.locations.isEmpty()) {
				problems.add("locations is empty (migrator.locations): name at least one, such as " + DEFAULT_LOCATION);
			}
			for (String location : this.locations) {
				if (location == null || location.isBlank()) {
					problems.add("locations contains a blank entry (migrator.locations): remove it");
				}
				else if (location.contains(":") && !location.startsWith("classpath:")
						&& !location.startsWith("filesystem:")) {
					problems.add("location '" + location + "' has an unknown prefix (migrator.locations):"
							+ " use classpath:<path> or filesystem:<directory>");
				}
			}
			checkIdentifier(problems, "table", "migrator.table", this.table);
			if (this.schema != null) {
				checkIdentifier(problems, "schema", "migrator.schema", this.schema);
			}
			checkIdentifier(problems, "flywayTable", "migrator.flyway.table", this.flywayTable);
			if (this.flywaySchema != null) {
				checkIdentifier(problems, "flywaySchema", "migrator.flyway.schema", this.flywaySchema);
			}
			if (this.placeholderPrefix == null || this.placeholderPrefix.isEmpty() || this.placeholderSuffix == null
					|| this.placeholderSuffix.isEmpty()) {
				problems.add("placeholderPrefix and placeholderSuffix must not be empty (migrator.placeholder-prefix,"
						+ " migrator.placeholder-suffix): use the defaults ${ and }, or turn replacement off with"
						+ " migrator.placeholder-replacement=false");
			}
			this.placeholders.forEach((name, value) -> {
				if (value == null) {
					problems.add("placeholder '" + name + "' has no value (migrator.placeholders." + name
							+ "): give it one, or remove it");
				}
			});
			checkDuration(problems, "lockWaitTimeout", "migrator.lock.wait-timeout", this.lockWaitTimeout);
			checkDuration(problems, "lockTimeout", "migrator.postgresql.lock-timeout", this.lockTimeout);
			checkDuration(problems, "statementTimeout", "migrator.statement-timeout", this.statementTimeout);
			checkDuration(problems, "connectTimeout", "migrator.connect-timeout", this.connectTimeout);
			if (this.lockRetries < 0) {
				problems.add("lockRetries is " + this.lockRetries
						+ " (migrator.postgresql.lock-retries): use 0 for no retries or a positive number");
			}
			if (!problems.isEmpty()) {
				throw new MigrationException(MigrationException.Reason.CONFIGURATION,
						"Invalid migrator configuration:\n  - " + String.join("\n  - ", problems));
			}
			ScriptScanner scanner = (this.scriptScanner != null) ? this.scriptScanner
					: new DefaultScriptScanner(Thread.currentThread().getContextClassLoader());
			return new MigratorConfig(this, this.dataSource, scanner);
		}

		private static void checkIdentifier(List<String> problems, String name, String property,
				@Nullable String value) {
			if (value == null || !IDENTIFIER.matcher(value).matches()) {
				problems.add(name + " '" + value + "' is not a plain SQL identifier (" + property
						+ "): use up to 63 letters, digits and underscores, starting with a letter or underscore");
			}
		}

		private static void checkDuration(List<String> problems, String name, String property,
				@Nullable Duration value) {
			if (value == null || value.isNegative()) {
				problems.add(name + " is " + value + " (" + property
						+ "): use a positive duration such as 10s, or 0 for none");
			}
		}

	}

}
