package io.migrator.core.internal.plan;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.migrator.core.InfoResult;
import io.migrator.core.MigrationInfo;
import io.migrator.core.MigrationState;
import io.migrator.core.MigrationType;
import io.migrator.core.Version;
import io.migrator.core.internal.history.HistoryRow;
import io.migrator.core.internal.history.HistoryStatus;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptCatalog;
import org.jspecify.annotations.Nullable;

/**
 * Decides where every migration stands from the scripts and the ledger; the executor only
 * executes what the plan returns. Derivation, per version (and per repeatable
 * description):
 * <ol>
 * <li>replay the ledger in order: a successful forward row makes the version applied, a
 * successful undo row makes it undone, a {@code STARTED} or {@code FAILED} row opens an
 * attempt that only a later success or a {@code CLEARED} row closes, a {@code REPAIRED}
 * row takes its checksum as the applied one, and the last baseline row sets the
 * baseline;</li>
 * <li>an open attempt is {@code UNFINISHED} or {@code FAILED}; an applied version is
 * {@code APPLIED}, {@code MODIFIED} (checksums differ), {@code MISSING} (no script) or
 * {@code FUTURE} (no script, above every script);</li>
 * <li>a version not applied is {@code BELOW_BASELINE}, {@code PENDING}, or
 * {@code OUT_OF_ORDER} when a higher version is already in the schema;</li>
 * <li>a repeatable script is pending when new, changed, or applied before the last
 * undo.</li>
 * </ol>
 */
public final class Plan {

	private final List<PlanEntry> versioned;

	private final List<PlanEntry> repeatable;

	private final @Nullable HistoryRow baseline;

	private final Version schemaVersion;

	private final Version expectedVersion;

	private final boolean historyExists;

	private Plan(List<PlanEntry> versioned, List<PlanEntry> repeatable, @Nullable HistoryRow baseline,
			Version schemaVersion, Version expectedVersion, boolean historyExists) {
		this.versioned = versioned;
		this.repeatable = repeatable;
		this.baseline = baseline;
		this.schemaVersion = schemaVersion;
		this.expectedVersion = expectedVersion;
		this.historyExists = historyExists;
	}

	/**
	 * Derive the plan.
	 * @param catalog the scripts
	 * @param rows the ledger, in order; {@code null} when the table does not exist yet
	 * @return the plan
	 */
	public static Plan of(ScriptCatalog catalog, @Nullable List<HistoryRow> rows) {
		Map<Version, Replay> byVersion = new TreeMap<>();
		Map<String, Replay> byDescription = new HashMap<>();
		HistoryRow baseline = null;
		long lastUndo = 0;
		for (HistoryRow row : (rows != null) ? rows : List.<HistoryRow>of()) {
			if (row.type() == MigrationType.UNDO && row.status() == HistoryStatus.SUCCESS) {
				lastUndo = row.id();
			}
			if (row.type() == MigrationType.BASELINE) {
				baseline = row;
				continue;
			}
			Replay replay = (row.version() != null) ? byVersion.computeIfAbsent(row.version(), (v) -> new Replay())
					: byDescription.computeIfAbsent(row.description(), (d) -> new Replay());
			replay.add(row);
		}
		Version baselineVersion = (baseline != null) ? baseline.version() : null;
		Map<Version, Script> scripts = new TreeMap<>();
		catalog.versioned().forEach((script) -> scripts.put(script.version(), script));
		TreeMap<Version, PlanEntry> entries = new TreeMap<>();
		for (Script script : scripts.values()) {
			entries.put(script.version(), Replay.versioned(script.version(), script, byVersion.get(script.version()),
					baselineVersion, catalog.latestVersion()));
		}
		byVersion.forEach((version, replay) -> entries.computeIfAbsent(version,
				(v) -> Replay.versioned(v, null, replay, baselineVersion, catalog.latestVersion())));
		Version schemaVersion = highestInSchema(entries.values(), baseline, Set.of());
		List<PlanEntry> versioned = new ArrayList<>();
		for (PlanEntry entry : entries.values()) {
			boolean below = entry.state() == MigrationState.PENDING && schemaVersion.isNewerThan(entry.version());
			versioned.add(below ? entry.withState(MigrationState.OUT_OF_ORDER) : entry);
		}
		List<PlanEntry> repeatable = new ArrayList<>();
		Map<String, Script> repeatableScripts = new LinkedHashMap<>();
		catalog.repeatable().forEach((script) -> repeatableScripts.put(script.description(), script));
		long undoneAfter = lastUndo;
		repeatableScripts.forEach((description, script) -> repeatable
			.add(Replay.repeatable(description, script, byDescription.get(description), undoneAfter)));
		byDescription.forEach((description, replay) -> {
			if (!repeatableScripts.containsKey(description)) {
				repeatable.add(Replay.repeatable(description, null, replay, undoneAfter));
			}
		});
		return new Plan(versioned, repeatable, baseline, schemaVersion, catalog.latestVersion(), rows != null);
	}

	/**
	 * The state as {@code info} reports it.
	 * @return the info
	 */
	public InfoResult info() {
		List<MigrationInfo> infos = new ArrayList<>();
		if (this.baseline != null) {
			infos.add(toInfo(this.baseline.version(), this.baseline.description(), MigrationType.BASELINE,
					MigrationState.BASELINE, null, this.baseline));
		}
		for (PlanEntry entry : this.versioned) {
			infos.add(toInfo(entry.version(), entry.description(), entry.type(), entry.state(), entry.script(),
					entry.row()));
		}
		for (PlanEntry entry : this.repeatable) {
			infos.add(toInfo(null, entry.description(), MigrationType.REPEATABLE, entry.state(), entry.script(),
					entry.row()));
		}
		return new InfoResult(infos, this.schemaVersion, this.expectedVersion, this.historyExists);
	}

	private static MigrationInfo toInfo(@Nullable Version version, String description, MigrationType type,
			MigrationState state, @Nullable Script script, @Nullable HistoryRow row) {
		String name = (script != null) ? script.fileName() : (row != null) ? row.script() : description;
		String checksum = (row != null && row.checksum() != null) ? row.checksum()
				: (script != null) ? script.checksum() : null;
		return new MigrationInfo(version, description, type, state, name, checksum,
				(row != null) ? row.installedOn() : null, (row != null) ? row.installedBy() : null,
				(row != null) ? Duration.ofMillis(row.executionMillis()) : null);
	}

	/**
	 * Every problem that must stop {@code migrate}, in version order, then repeatable
	 * scripts.
	 * @param outOfOrder whether pending versions below the schema version may be applied
	 * @return the problems, empty when migrate may go on
	 */
	public List<Problem> problems(boolean outOfOrder) {
		List<Problem> problems = new ArrayList<>();
		for (PlanEntry entry : this.versioned) {
			boolean problem = entry.state().isBlocking()
					|| (entry.state() == MigrationState.OUT_OF_ORDER && !outOfOrder);
			if (problem) {
				problems.add(problem(entry));
			}
		}
		for (PlanEntry entry : this.repeatable) {
			if (entry.state() == MigrationState.FAILED || entry.state() == MigrationState.UNFINISHED) {
				problems.add(problem(entry));
			}
		}
		return problems;
	}

	private Problem problem(PlanEntry entry) {
		return new Problem(entry.state(), entry.version(), entry.scriptName(),
				(entry.row() != null) ? entry.row().installedOn() : null,
				(entry.row() != null) ? entry.row().checksum() : null,
				(entry.script() != null) ? entry.script().checksum() : null, this.schemaVersion);
	}

	/**
	 * The scripts {@code migrate} runs now, in order: pending (and, when allowed,
	 * out-of-order) versioned scripts up to the target, then changed or new repeatable
	 * scripts when the run goes to the latest version.
	 * @param target the highest version to apply, {@code null} for all
	 * @param outOfOrder whether out-of-order versions are applied
	 * @return the scripts to run
	 */
	public List<Script> pending(@Nullable Version target, boolean outOfOrder) {
		List<Script> scripts = new ArrayList<>();
		for (PlanEntry entry : this.versioned) {
			boolean runnable = entry.state() == MigrationState.PENDING
					|| (outOfOrder && entry.state() == MigrationState.OUT_OF_ORDER);
			if (runnable && (target == null || target.isAtLeast(entry.version()))) {
				scripts.add(entry.script());
			}
		}
		if (goal(target).equals(this.expectedVersion)) {
			for (PlanEntry entry : this.repeatable) {
				if (entry.state() == MigrationState.PENDING) {
					scripts.add(entry.script());
				}
			}
		}
		return scripts;
	}

	/**
	 * The shipped scripts whose changes are in the schema: applied (or modified)
	 * versioned scripts and applied repeatable ones, in version order. The lint counts
	 * the tables they create as in use.
	 * @return the scripts
	 */
	public List<Script> scriptsInSchema() {
		List<Script> scripts = new ArrayList<>();
		for (PlanEntry entry : this.versioned) {
			if (entry.state().isInSchema() && entry.script() != null) {
				scripts.add(entry.script());
			}
		}
		for (PlanEntry entry : this.repeatable) {
			if (entry.state() == MigrationState.APPLIED && entry.script() != null) {
				scripts.add(entry.script());
			}
		}
		return scripts;
	}

	/**
	 * The versions an undo to the target reverts: every version in the schema above it,
	 * newest first. Baselined versions are never undone.
	 * @param target the version to go back to
	 * @return the versions, newest first
	 */
	public List<Version> appliedAbove(Version target) {
		List<Version> versions = new ArrayList<>();
		for (PlanEntry entry : this.versioned) {
			boolean applied = entry.state().isInSchema() && entry.state() != MigrationState.BELOW_BASELINE;
			if (applied && entry.version().isNewerThan(target)) {
				versions.add(0, entry.version());
			}
		}
		return versions;
	}

	/**
	 * The baseline version, if the schema was adopted at one.
	 * @return the baseline version or {@code null}
	 */
	public @Nullable Version baselineVersion() {
		return (this.baseline != null) ? this.baseline.version() : null;
	}

	/**
	 * Whether the ledger records anything applied, undone or attempted (a baseline needs
	 * an empty one).
	 * @return whether any version or repeatable has history
	 */
	public boolean hasHistory() {
		return this.baseline != null || this.versioned.stream().anyMatch((entry) -> entry.row() != null)
				|| this.repeatable.stream().anyMatch((entry) -> entry.row() != null);
	}

	/**
	 * What {@code repair} writes: a {@code CLEARED} row for every failed or unfinished
	 * attempt, and a {@code REPAIRED} row with the script's checksum for every modified
	 * version.
	 * @return the repairs, in ledger order
	 */
	public List<Repair> repairs() {
		List<Repair> repairs = new ArrayList<>();
		List<PlanEntry> all = new ArrayList<>(this.versioned);
		all.addAll(this.repeatable);
		for (PlanEntry entry : all) {
			if (entry.state() == MigrationState.FAILED || entry.state() == MigrationState.UNFINISHED) {
				repairs.add(new Repair(entry.version(), entry.description(), entry.row().type(), entry.row().script(),
						entry.row().checksum(), entry.row().fingerprint(), HistoryStatus.CLEARED, entry.state(),
						entry.row().checksum()));
			}
			else if (entry.state() == MigrationState.MODIFIED) {
				repairs.add(new Repair(entry.version(), entry.description(), MigrationType.VERSIONED,
						entry.script().fileName(), entry.script().checksum(), entry.script().fingerprint(),
						HistoryStatus.REPAIRED, entry.state(), entry.row().checksum()));
			}
		}
		return repairs;
	}

	/**
	 * The version a run aims at: the target, or the latest script when there is none or
	 * the target lies beyond it.
	 * @param target the requested target, {@code null} for the latest
	 * @return the version
	 */
	public Version goal(@Nullable Version target) {
		return (target != null && this.expectedVersion.isNewerThan(target)) ? target : this.expectedVersion;
	}

	/**
	 * The schema's version after a run of this plan's scripts: the highest version still
	 * in the schema or newly applied.
	 * @param applied the versions the run applied
	 * @param undone the versions the run undid
	 * @return the version
	 */
	public Version versionAfter(Collection<Version> applied, Collection<Version> undone) {
		Version reached = highestInSchema(this.versioned, this.baseline, undone);
		for (Version version : applied) {
			if (version.isNewerThan(reached)) {
				reached = version;
			}
		}
		return reached;
	}

	private static Version highestInSchema(Collection<PlanEntry> entries, @Nullable HistoryRow baseline,
			Collection<Version> undone) {
		Version highest = (baseline != null && baseline.version() != null) ? baseline.version() : Version.ZERO;
		for (PlanEntry entry : entries) {
			if (entry.state().isInSchema() && !undone.contains(entry.version())
					&& entry.version().isNewerThan(highest)) {
				highest = entry.version();
			}
		}
		return highest;
	}

	public Version schemaVersion() {
		return this.schemaVersion;
	}

	public Version expectedVersion() {
		return this.expectedVersion;
	}

}
