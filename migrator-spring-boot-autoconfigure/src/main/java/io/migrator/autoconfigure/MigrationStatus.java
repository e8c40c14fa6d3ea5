package io.migrator.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import io.migrator.core.InfoResult;
import io.migrator.core.LockHolder;
import io.migrator.core.MigrateResult;
import io.migrator.core.MigrationException;
import io.migrator.core.MigrationListener;
import io.migrator.core.Version;
import org.jspecify.annotations.Nullable;

/**
 * What this application last saw of the schema, kept as migrations report it, so that
 * health probes can answer without touching the database. It is a
 * {@link MigrationListener} of the auto-configured migrator; the startup runner also
 * reports the outcome and the progress of await mode.
 * <p>
 * Reads may come from any thread: the status is one immutable {@link Snapshot}, replaced
 * as a whole.
 *
 * @since 0.1.0
 */
public final class MigrationStatus implements MigrationListener {

	private final @Nullable Version target;

	private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.NOT_STARTED);

	private volatile @Nullable Boolean appUserCanChangeSchema;

	/**
	 * Create a status.
	 * @param target the version this application migrates or waits to, {@code null} for
	 * the latest script
	 */
	public MigrationStatus(@Nullable Version target) {
		this.target = target;
	}

	/**
	 * The current status.
	 * @return the snapshot
	 */
	public Snapshot snapshot() {
		return this.snapshot.get();
	}

	@Override
	public void commandStarted(String command) {
		if ("migrate".equals(command)) {
			update((s) -> s.with(State.MIGRATING).withLockHolder(null));
		}
	}

	@Override
	public void lockWaiting(LockHolder holder, Duration waited) {
		update((s) -> s.with(State.WAITING_FOR_LOCK).withLockHolder(holder));
	}

	@Override
	public void lockAcquired(Duration waited) {
		update((s) -> s.with(State.MIGRATING).withLockHolder(null));
	}

	@Override
	public void planned(InfoResult info, int toRun) {
		update((s) -> s.withVersions(info.schemaVersion(), expected(info), info.pendingCount()));
	}

	@Override
	public void scriptStarted(ScriptRun script, int index, int total) {
		update((s) -> s.withScript(script.script()));
	}

	@Override
	public void scriptSucceeded(ScriptRun script, Duration duration) {
		update((s) -> {
			Version version = script.version();
			Version schema = (version != null && version.isNewerThan(s.schemaVersion())) ? version : s.schemaVersion();
			return s.withVersions(schema, s.expectedVersion(), Math.max(0, s.pending() - 1)).withScript(null);
		});
	}

	@Override
	public void migrateSucceeded(MigrateResult result) {
		update((s) -> s.with(State.MIGRATED)
			.withVersions(result.finalVersion(), s.expectedVersion(), s.pending())
			.withScript(null)
			.withLockHolder(null));
	}

	@Override
	public void commandFailed(String command, MigrationException failure) {
		if ("migrate".equals(command)) {
			failed(failure);
		}
	}

	/**
	 * Await mode looked at the schema and will look again.
	 * @param info what it saw
	 */
	@Override
	public void awaiting(InfoResult info) {
		update((s) -> s.with(State.AWAITING).withVersions(info.schemaVersion(), expected(info), info.pendingCount()));
	}

	/**
	 * Await mode found the schema current.
	 * @param info what it saw
	 */
	@Override
	public void awaited(InfoResult info) {
		update((s) -> s.with(State.MIGRATED).withVersions(info.schemaVersion(), expected(info), info.pendingCount()));
	}

	/**
	 * The start failed: migrating or awaiting the schema did not succeed.
	 * @param failure why
	 */
	public void failed(MigrationException failure) {
		update((s) -> s.with(State.FAILED).withFailure(failure.reason()).withLockHolder(null));
	}

	/**
	 * Whether the application's own user can change the schema, when separate migration
	 * credentials are configured and it was checked.
	 * @return the answer, {@code null} when not checked
	 */
	public @Nullable Boolean appUserCanChangeSchema() {
		return this.appUserCanChangeSchema;
	}

	void appUserCanChangeSchema(boolean canChange) {
		this.appUserCanChangeSchema = canChange;
	}

	private Version expected(InfoResult info) {
		Version latest = info.expectedVersion();
		return (this.target != null && latest.isNewerThan(this.target)) ? this.target : latest;
	}

	private void update(UnaryOperator<Snapshot> change) {
		this.snapshot.updateAndGet(change);
	}

	/**
	 * Where the migration of this application's schema stands.
	 */
	public enum State {

		/** Nothing has been looked at yet. */
		NOT_STARTED,

		/** Another migrator holds the lock; this one waits. */
		WAITING_FOR_LOCK,

		/** This application is migrating. */
		MIGRATING,

		/** Await mode: waiting for a migration run elsewhere. */
		AWAITING,

		/** The schema is at the version this application needs (or ahead). */
		MIGRATED,

		/** Migrating or awaiting failed. */
		FAILED

	}

	/**
	 * One consistent view of the status.
	 *
	 * @param state where it stands
	 * @param schemaVersion the schema's version as last seen, {@link Version#ZERO} when
	 * unknown
	 * @param expectedVersion the version this application needs, {@code null} until known
	 * @param pending how many migrations were pending when last seen
	 * @param lockHolder who holds the lock while this application waits for it
	 * @param script the script running now, if any
	 * @param failure why it failed, if it did
	 */
	public record Snapshot(State state, Version schemaVersion, @Nullable Version expectedVersion, int pending,
			@Nullable LockHolder lockHolder, @Nullable String script, MigrationException.@Nullable Reason failure) {

		static final Snapshot NOT_STARTED = new Snapshot(State.NOT_STARTED, Version.ZERO, null, 0, null, null, null);

		/**
		 * Whether the schema is behind the version this application needs.
		 * @return whether it is behind; {@code false} while that version is unknown
		 */
		public boolean isBehind() {
			return this.expectedVersion != null && this.expectedVersion.isNewerThan(this.schemaVersion);
		}

		Snapshot with(State state) {
			return new Snapshot(state, this.schemaVersion, this.expectedVersion, this.pending, this.lockHolder,
					this.script, (state != State.FAILED) ? null : this.failure);
		}

		Snapshot withVersions(Version schemaVersion, @Nullable Version expectedVersion, int pending) {
			return new Snapshot(this.state, schemaVersion, expectedVersion, pending, this.lockHolder, this.script,
					this.failure);
		}

		Snapshot withLockHolder(@Nullable LockHolder lockHolder) {
			return new Snapshot(this.state, this.schemaVersion, this.expectedVersion, this.pending, lockHolder,
					this.script, this.failure);
		}

		Snapshot withScript(@Nullable String script) {
			return new Snapshot(this.state, this.schemaVersion, this.expectedVersion, this.pending, this.lockHolder,
					script, this.failure);
		}

		Snapshot withFailure(MigrationException.Reason failure) {
			return new Snapshot(this.state, this.schemaVersion, this.expectedVersion, this.pending, this.lockHolder,
					this.script, failure);
		}

	}

}
