package io.migrator.core.internal.rehearse;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import io.migrator.core.rehearse.SchemaDifference;
import org.jspecify.annotations.Nullable;

/**
 * A database's schema as the rehearsal compares it ({@link SchemaReader} reads it): each
 * object of the user's schemas, by kind and qualified name, with its definition as
 * PostgreSQL prints it ({@code pg_get_indexdef}, {@code pg_get_constraintdef},
 * {@code pg_get_viewdef}, {@code pg_get_functiondef}, {@code pg_get_triggerdef}).
 * <p>
 * What counts: schemas, tables (persistence, partitioning, options, row security),
 * columns (type, nullability, default, identity, generation, collation), constraints,
 * indexes (and whether they are valid), views and materialized views (columns in order,
 * definition), sequences (type and bounds), functions and procedures (whole definition),
 * aggregates, triggers, enums (labels in order), domains, composite and range types,
 * extensions (and their version).
 * <p>
 * What does not: columns' order in a table (a column dropped and added again comes last,
 * and nothing that names its columns can tell), OIDs and file names, sequences' current
 * values, data, statistics, comments, owners and privileges, and objects that belong to
 * an extension (the extension itself counts). The migration ledger is left out.
 * <p>
 * Mutable, so that the rehearsal can walk a copy back and forth through the changes of
 * each script without keeping one whole snapshot per version.
 */
public final class SchemaSnapshot {

	private final TreeMap<Key, String> objects;

	private SchemaSnapshot(TreeMap<Key, String> objects) {
		this.objects = objects;
	}

	SchemaSnapshot() {
		this(new TreeMap<>());
	}

	void put(String kind, String name, String definition) {
		this.objects.put(new Key(kind, name), definition);
	}

	void remove(String kind, String name) {
		this.objects.remove(new Key(kind, name));
	}

	/**
	 * A copy to walk through changes without touching this one.
	 * @return the copy
	 */
	public SchemaSnapshot copy() {
		return new SchemaSnapshot(new TreeMap<>(this.objects));
	}

	/**
	 * How this schema differs from what it should be.
	 * @param expected the schema it should be
	 * @return each object that differs, in kind and name order; {@code expected} is the
	 * other's definition and {@code actual} this one's
	 */
	public List<SchemaDifference> differencesFrom(SchemaSnapshot expected) {
		List<SchemaDifference> differences = new ArrayList<>();
		TreeSet<Key> keys = new TreeSet<>(expected.objects.keySet());
		keys.addAll(this.objects.keySet());
		for (Key key : keys) {
			String before = expected.objects.get(key);
			String after = this.objects.get(key);
			if (!Objects.equals(before, after)) {
				differences.add(new SchemaDifference(key.kind(), key.name(), before, after));
			}
		}
		return differences;
	}

	/**
	 * Make this the schema after a change: each difference's {@code actual}.
	 * @param change the differences from the schema before to the schema after
	 */
	public void apply(List<SchemaDifference> change) {
		for (SchemaDifference difference : change) {
			set(new Key(difference.kind(), difference.name()), difference.actual());
		}
	}

	/**
	 * Make this the schema before a change: each difference's {@code expected}.
	 * @param change the differences from the schema before to the schema after
	 */
	public void revert(List<SchemaDifference> change) {
		for (SchemaDifference difference : change) {
			set(new Key(difference.kind(), difference.name()), difference.expected());
		}
	}

	private void set(Key key, @Nullable String definition) {
		if (definition == null) {
			this.objects.remove(key);
		}
		else {
			this.objects.put(key, definition);
		}
	}

	/**
	 * How many objects the snapshot holds.
	 * @return the count
	 */
	public int size() {
		return this.objects.size();
	}

	private record Key(String kind, String name) implements Comparable<Key> {

		@Override
		public int compareTo(Key other) {
			int byKind = this.kind.compareTo(other.kind);
			return (byKind != 0) ? byKind : this.name.compareTo(other.name);
		}

	}

}
