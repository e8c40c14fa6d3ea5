package io.migrator.core.internal.lint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.migrator.core.internal.sql.ClassifiedStatement;
import io.migrator.core.internal.sql.PostgresDetails;
import io.migrator.core.internal.sql.TableAction;
import io.migrator.core.internal.sql.TableAction.Kind;

/**
 * Which tables of a run are new and which are in use, statement by statement:
 * <ol>
 * <li>a table the database has, or an earlier (applied or deployed) script creates, is
 * existing;</li>
 * <li>a table a pending script creates, and that is not existing, is new from that
 * statement on, for the rest of the run; so is an index built on a new table, and a new
 * table renamed;</li>
 * <li>a dropped table is neither from then on, so creating it again makes it new;</li>
 * <li>any other table counts as in use: a table the linter cannot place never hides a
 * finding.</li>
 * </ol>
 */
final class RunTables {

	private final SchemaFacts facts;

	private final Set<String> createdBefore = new HashSet<>();

	private final Set<String> dropped = new HashSet<>();

	private final Set<String> fresh = new HashSet<>();

	/** Indexes built in this run, qualified, with their tables. */
	private final Map<String, String> indexes = new HashMap<>();

	RunTables(SchemaFacts facts) {
		this.facts = facts;
	}

	/** A statement of an earlier script: a table it creates is existing. */
	void earlier(ClassifiedStatement statement) {
		if (statement.relation() != null && statement.command().startsWith("CREATE TABLE")) {
			this.createdBefore.add(this.facts.qualified(statement.relation()));
		}
	}

	/**
	 * Whether a table (or an index built in this run) is new: no traffic reaches it.
	 * @param relation a name as the classifier gives it
	 */
	boolean isNew(String relation) {
		String name = this.facts.qualified(relation);
		return this.fresh.contains(name) || this.fresh.contains(this.indexes.get(name));
	}

	/** A statement of a pending script, after the rules read it. */
	void pending(ClassifiedStatement statement, List<TableAction> actions) {
		String relation = statement.relation();
		if (relation == null) {
			return;
		}
		String name = this.facts.qualified(relation);
		switch (statement.command()) {
			case "CREATE TABLE", "CREATE TABLE AS" -> {
				if (!existing(name)) {
					this.fresh.add(name);
				}
			}
			case "DROP TABLE" -> {
				this.fresh.remove(name);
				this.dropped.add(name);
			}
			case "CREATE INDEX" -> {
				String index = PostgresDetails.createdIndex(statement.sql());
				if (index != null) {
					this.indexes.put(sibling(name, index), name);
				}
			}
			case "ALTER TABLE" -> {
				for (TableAction action : actions) {
					if (action.kind() == Kind.RENAME_TABLE && action.name() != null && this.fresh.remove(name)) {
						this.fresh.add(sibling(name, action.name()));
					}
				}
			}
			default -> {
				// changes no table's standing
			}
		}
	}

	/**
	 * The script checked last counts as deployed: the tables it made new are in use from
	 * now on (offline, where there is no run of pending scripts).
	 */
	void deployed() {
		this.createdBefore.addAll(this.fresh);
		this.fresh.clear();
		this.indexes.clear();
	}

	private boolean existing(String name) {
		return !this.dropped.contains(name) && (this.facts.exists(name) || this.createdBefore.contains(name));
	}

	/** A relation in the same schema as a table, unless its name is qualified. */
	private static String sibling(String table, String name) {
		return (name.indexOf('.') >= 0) ? name : table.substring(0, table.indexOf('.') + 1) + name;
	}

}
