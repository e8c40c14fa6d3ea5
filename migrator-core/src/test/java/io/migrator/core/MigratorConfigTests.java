package io.migrator.core;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.migrator.core.internal.script.DefaultScriptScanner;
import io.migrator.core.resolve.ScriptScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class MigratorConfigTests {

	private final DataSource dataSource = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
			new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
				if (method.getName().equals("toString")) {
					return "test data source";
				}
				throw new UnsupportedOperationException(method.getName());
			});

	private final ScriptScanner scanner = (location) -> List.of();

	private final MigrationListener listener = new MigrationListener() {
	};

	private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void hasDefaults() {
		MigratorConfig config = MigratorConfig.builder().dataSource(this.dataSource).build();
		assertThat(config.dataSource()).isSameAs(this.dataSource);
		assertThat(config.locations()).containsExactly("classpath:db/migration");
		assertThat(config.table()).isEqualTo("migrator_schema_history");
		assertThat(config.schema()).isNull();
		assertThat(config.lockWaitTimeout()).isEqualTo(Duration.ofMinutes(10));
		assertThat(config.lockTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.statementTimeout()).isEqualTo(Duration.ZERO);
		assertThat(config.lockRetries()).isEqualTo(3);
		assertThat(config.outOfOrder()).isFalse();
		assertThat(config.installedBy()).isNull();
		assertThat(config.listeners()).isEmpty();
		assertThat(config.clock().getZone()).isEqualTo(ZoneOffset.UTC);
		assertThat(config.scriptScanner()).isInstanceOf(DefaultScriptScanner.class);
	}

	@Test
	void keepsEverySetting() {
		MigratorConfig config = everySetting(0, "classpath:db/migration", "filesystem:/srv/sql").build();
		assertThat(config.locations()).containsExactly("classpath:db/migration", "filesystem:/srv/sql");
		assertHasEverySetting(config, 0);
	}

	@Test
	void acceptsZeroDurations() {
		MigratorConfig config = MigratorConfig.builder()
			.dataSource(this.dataSource)
			.lockWaitTimeout(Duration.ZERO)
			.lockTimeout(Duration.ZERO)
			.statementTimeout(Duration.ZERO)
			.build();
		assertThat(config.lockWaitTimeout()).isZero();
		assertThat(config.lockTimeout()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "migrator_schema_history", "_history", "History2", "a$b", "x" })
	void acceptsPlainIdentifiersForTableAndSchema(String identifier) {
		assertThatNoException().isThrownBy(() -> MigratorConfig.builder()
			.dataSource(this.dataSource)
			.table(identifier)
			.schema(identifier)
			.build());
	}

	@Test
	void acceptsIdentifierOfPostgresMaximumLength() {
		String longest = "t".repeat(63);
		assertThat(MigratorConfig.builder().dataSource(this.dataSource).table(longest).build().table())
			.isEqualTo(longest);
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).table("t".repeat(64)), "table",
				"migrator.table");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "classpath:db/migration", "filesystem:/srv/sql", "db/migration", "filesystem:relative/dir" })
	void acceptsClasspathAndFilesystemLocations(String location) {
		assertThat(MigratorConfig.builder().dataSource(this.dataSource).locations(location).build().locations())
			.containsExactly(location);
	}

	@Test
	void rejectsMissingDataSource() {
		assertInvalid(MigratorConfig.builder(), "dataSource is required", "migrator.datasource.url");
	}

	@Test
	void rejectsBlankLocation() {
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).locations("classpath:db/migration", " "),
				"locations contains a blank entry", "migrator.locations");
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).locations(""),
				"locations contains a blank entry", "migrator.locations");
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).locations(Arrays.asList((String) null)),
				"locations contains a blank entry", "migrator.locations");
	}

	@Test
	void rejectsNoLocations() {
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).locations(List.of()), "locations is empty",
				"migrator.locations");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://example.com/sql", "file:/srv/sql", "s3:bucket/sql", "Classpath:db/migration" })
	void rejectsLocationWithUnknownPrefix(String location) {
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).locations(location),
				"location '" + location + "' has an unknown prefix", "migrator.locations", "classpath:", "filesystem:");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bad-name", "1abc", "", "my table", "public.history", "\"quoted\"", "drop;table" })
	void rejectsTableThatIsNotAPlainIdentifier(String table) {
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).table(table), "table '" + table + "'",
				"migrator.table");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1abc", "bad-name", "", "app.schema" })
	void rejectsSchemaThatIsNotAPlainIdentifier(String schema) {
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).schema(schema), "schema '" + schema + "'",
				"migrator.schema");
	}

	@Test
	void rejectsNegativeDurations() {
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).lockWaitTimeout(Duration.ofSeconds(-1)),
				"lockWaitTimeout", "migrator.lock.wait-timeout");
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).lockTimeout(Duration.ofMillis(-1)),
				"lockTimeout", "migrator.postgresql.lock-timeout");
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).statementTimeout(Duration.ofMinutes(-5)),
				"statementTimeout", "migrator.statement-timeout");
	}

	@Test
	void rejectsMissingDurations() {
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).lockWaitTimeout(null), "lockWaitTimeout",
				"migrator.lock.wait-timeout");
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).statementTimeout(null), "statementTimeout",
				"migrator.statement-timeout");
	}

	@Test
	void rejectsNegativeLockRetries() {
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).lockRetries(-1), "lockRetries is -1",
				"migrator.postgresql.lock-retries");
	}

	@Test
	void reportsEveryProblemInOneMessage() {
		MigrationException ex = invalid(MigratorConfig.builder()
			.locations("http://example.com/sql", "")
			.table("bad-name")
			.schema("1abc")
			.lockWaitTimeout(Duration.ofSeconds(-1))
			.lockTimeout(Duration.ofSeconds(-1))
			.statementTimeout(Duration.ofSeconds(-1))
			.lockRetries(-2));
		assertThat(ex.getMessage()).contains("dataSource", "'http://example.com/sql'", "blank entry", "'bad-name'",
				"'1abc'", "lockWaitTimeout", "lockTimeout", "statementTimeout", "lockRetries is -2");
		assertThat(ex.getMessage().lines().filter((line) -> line.startsWith("  - "))).hasSize(9);
	}

	@Test
	void doesNotChangeABuiltConfigurationWhenTheBuilderOrItsListsChange() {
		List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
		MigratorConfig.Builder builder = MigratorConfig.builder().dataSource(this.dataSource).locations(locations);
		MigratorConfig config = builder.build();
		locations.add("filesystem:/srv/sql");
		builder.table("other").listener(new MigrationListener() {
		});
		assertThat(config.locations()).containsExactly("classpath:db/migration");
		assertThat(config.table()).isEqualTo("migrator_schema_history");
		assertThat(config.listeners()).isEmpty();
	}

	@Test
	void toBuilderKeepsEverySetting() {
		MigratorConfig original = everySetting(5, "filesystem:/srv/sql").build();
		MigratorConfig copy = original.toBuilder().build();
		assertThat(copy).isNotSameAs(original);
		assertThat(copy.dataSource()).isSameAs(original.dataSource());
		assertThat(copy.locations()).isEqualTo(original.locations());
		assertHasEverySetting(copy, 5);
	}

	@Test
	void toBuilderChangesOnlyWhatIsSetAgainAndLeavesTheOriginalAlone() {
		MigrationListener listener = new MigrationListener() {
		};
		MigratorConfig original = MigratorConfig.builder()
			.dataSource(this.dataSource)
			.table("history")
			.lockRetries(5)
			.listener(listener)
			.build();
		MigratorConfig changed = original.toBuilder().lockRetries(1).listener(new MigrationListener() {
		}).locations("filesystem:/srv/sql").build();
		assertThat(changed.lockRetries()).isEqualTo(1);
		assertThat(changed.table()).isEqualTo("history");
		assertThat(changed.listeners()).hasSize(2).startsWith(listener);
		assertThat(changed.locations()).containsExactly("filesystem:/srv/sql");
		assertThat(original.lockRetries()).isEqualTo(5);
		assertThat(original.listeners()).containsExactly(listener);
		assertThat(original.locations()).containsExactly("classpath:db/migration");
	}

	@Test
	void rejectsFlywayTableAndSchemaThatAreNotPlainIdentifiers() {
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).flywayTable("flyway history"),
				"flywayTable 'flyway history'", "migrator.flyway.table");
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).flywaySchema("a.b"), "flywaySchema 'a.b'",
				"migrator.flyway.schema");
	}

	@Test
	void rejectsAnEmptyPlaceholderPrefixOrSuffix() {
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).placeholderPrefix(""),
				"placeholderPrefix and placeholderSuffix must not be empty", "migrator.placeholder-prefix");
		assertInvalid(MigratorConfig.builder().dataSource(this.dataSource).placeholderSuffix(""),
				"placeholderPrefix and placeholderSuffix must not be empty", "migrator.placeholder-suffix");
	}

	@Test
	void replacesPlaceholdersByDefaultAndKeepsThemThroughToBuilder() {
		MigratorConfig config = MigratorConfig.builder().dataSource(this.dataSource).build();
		assertThat(config.placeholderReplacement()).isTrue();
		assertThat(config.placeholderPrefix()).isEqualTo("${");
		assertThat(config.placeholderSuffix()).isEqualTo("}");
		assertThat(config.placeholders()).isEmpty();
		MigratorConfig copy = config.toBuilder()
			.placeholders(Map.of("owner", "app"))
			.placeholderReplacement(false)
			.placeholderPrefix("#[")
			.placeholderSuffix("]")
			.build()
			.toBuilder()
			.build();
		assertThat(copy.placeholders()).containsOnly(Map.entry("owner", "app"));
		assertThat(copy.placeholderReplacement()).isFalse();
		assertThat(copy.placeholderPrefix()).isEqualTo("#[");
		assertThat(copy.placeholderSuffix()).isEqualTo("]");
	}

	@Test
	void adoptsNoFlywayHistoryUnlessAsked() {
		MigratorConfig config = MigratorConfig.builder().dataSource(this.dataSource).build();
		assertThat(config.flywayAdopt()).isFalse();
		assertThat(config.flywayTable()).isEqualTo("flyway_schema_history");
		assertThat(config.flywaySchema()).isNull();
		MigratorConfig copy = config.toBuilder().flywayAdopt(true).flywayTable("history").flywaySchema("app").build();
		assertThat(copy.toBuilder().build()).satisfies((again) -> {
			assertThat(again.flywayAdopt()).isTrue();
			assertThat(again.flywayTable()).isEqualTo("history");
			assertThat(again.flywaySchema()).isEqualTo("app");
		});
	}

	@Test
	void toBuilderValidatesAgain() {
		MigratorConfig original = MigratorConfig.builder().dataSource(this.dataSource).build();
		assertInvalid(original.toBuilder().table("bad-name"), "table 'bad-name'", "migrator.table");
	}

	/**
	 * A builder with every setting but the data source changed from its default.
	 */
	private MigratorConfig.Builder everySetting(int lockRetries, String... locations) {
		return MigratorConfig.builder()
			.dataSource(this.dataSource)
			.locations(locations)
			.table("history")
			.schema("app")
			.scriptScanner(this.scanner)
			.lockWaitTimeout(Duration.ofMinutes(1))
			.lockTimeout(Duration.ofSeconds(2))
			.statementTimeout(Duration.ofHours(1))
			.lockRetries(lockRetries)
			.outOfOrder(true)
			.installedBy("deployer")
			.listener(this.listener)
			.clock(this.clock);
	}

	/**
	 * The settings of {@link #everySetting}, locations aside.
	 */
	private void assertHasEverySetting(MigratorConfig config, int lockRetries) {
		assertThat(config.table()).isEqualTo("history");
		assertThat(config.schema()).isEqualTo("app");
		assertThat(config.scriptScanner()).isSameAs(this.scanner);
		assertThat(config.lockWaitTimeout()).isEqualTo(Duration.ofMinutes(1));
		assertThat(config.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(config.statementTimeout()).isEqualTo(Duration.ofHours(1));
		assertThat(config.lockRetries()).isEqualTo(lockRetries);
		assertThat(config.outOfOrder()).isTrue();
		assertThat(config.installedBy()).isEqualTo("deployer");
		assertThat(config.listeners()).containsExactly(this.listener);
		assertThat(config.clock()).isSameAs(this.clock);
	}

	private static void assertInvalid(MigratorConfig.Builder builder, String... expected) {
		assertThat(invalid(builder).getMessage()).contains(expected);
	}

	private static MigrationException invalid(MigratorConfig.Builder builder) {
		MigrationException[] caught = new MigrationException[1];
		assertThatExceptionOfType(MigrationException.class).isThrownBy(builder::build)
			.satisfies((ex) -> caught[0] = ex);
		assertThat(caught[0].reason()).isEqualTo(MigrationException.Reason.CONFIGURATION);
		assertThat(caught[0].getMessage()).startsWith("Invalid migrator configuration");
		return caught[0];
	}

}
