package io.migrator.actuate.endpoint;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import io.migrator.core.InfoResult;
import io.migrator.core.MigrationInfo;
import io.migrator.core.Migrator;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.Assert;

/**
 * Read-only {@link Endpoint @Endpoint} {@code migrator}: every migration and where it
 * stands, read from the database on each request ({@link Migrator#info()}: no lock, no
 * change, the history table is not even created). It has no operation that changes
 * anything.
 *
 * @since 0.1.0
 */
@Endpoint(id = "migrator")
public class MigratorEndpoint {

	private final Migrator migrator;

	public MigratorEndpoint(Migrator migrator) {
		Assert.notNull(migrator, "'migrator' must not be null");
		this.migrator = migrator;
	}

	@ReadOperation
	public MigrationsDescriptor migrations() {
		InfoResult info = this.migrator.info();
		return new MigrationsDescriptor(info.schemaVersion().toString(), info.expectedVersion().toString(),
				info.historyExists(), info.pendingCount(),
				info.migrations().stream().map(MigrationDescriptor::of).toList());
	}

	/**
	 * The schema and its migrations.
	 *
	 * @param schemaVersion the schema's version
	 * @param expectedVersion the version of the latest script this application ships
	 * @param historyExists whether the history table exists
	 * @param pending how many migrations are pending
	 * @param migrations every migration, versioned ones in order, then repeatable ones
	 */
	public record MigrationsDescriptor(String schemaVersion, String expectedVersion, boolean historyExists, int pending,
			List<MigrationDescriptor> migrations) implements OperationResponseBody {

	}

	/**
	 * One migration.
	 *
	 * @param version the version, {@code null} for a repeatable script
	 * @param description the description
	 * @param type the kind of script ({@code VERSIONED}, {@code REPEATABLE}, ...)
	 * @param state where it stands ({@code APPLIED}, {@code PENDING}, ...)
	 * @param script the script's file name
	 * @param checksum the checksum
	 * @param installedOn when it was applied, if it was
	 * @param installedBy the database user that applied it, if any
	 * @param executionTime how long it took, in milliseconds, if it ran
	 */
	public record MigrationDescriptor(@Nullable String version, String description, String type, String state,
			String script, @Nullable String checksum, @Nullable OffsetDateTime installedOn,
			@Nullable String installedBy, @Nullable Long executionTime) {

		static MigrationDescriptor of(MigrationInfo info) {
			Duration time = info.executionTime();
			return new MigrationDescriptor((info.version() != null) ? info.version().toString() : null,
					info.description(), info.type().name(), info.state().name(), info.script(), info.checksum(),
					info.installedOn(), info.installedBy(), (time != null) ? time.toMillis() : null);
		}

	}

}
