package io.migrator.core.rehearse;

/**
 * A table-level lock on a relation that existed before the script.
 *
 * @param relation the relation, schema-qualified
 * @param mode the lock mode as PostgreSQL's documentation writes it, such as
 * {@code ACCESS EXCLUSIVE}
 * @since 0.3.0
 */
public record RelationLock(String relation, String mode) {

	@Override
	public String toString() {
		return this.mode + " on " + this.relation;
	}

}
