package io.migrator.core.rehearse;

import java.util.List;

/**
 * What one statement did to relations that existed before its script: the locks it took
 * and the relations it rewrote (their files were replaced, as by a table rewrite,
 * {@code TRUNCATE} or {@code VACUUM FULL}).
 *
 * @param line the statement's first line in the script
 * @param command the statement's command, such as {@code ALTER TABLE}
 * @param locks the locks it took, beyond those earlier statements of the script hold
 * @param rewritten the relations it rewrote
 * @param observed {@code true} when the locks were read from {@code pg_locks} inside the
 * script's transaction (they are then held until it commits); {@code false} for a
 * statement outside a transaction, whose locks end with it, so they come from the
 * statement's kind instead
 * @since 0.3.0
 */
public record StatementLocks(int line, String command, List<RelationLock> locks, List<String> rewritten,
		boolean observed) {

	public StatementLocks {
		locks = List.copyOf(locks);
		rewritten = List.copyOf(rewritten);
	}

	/**
	 * The statement's locks and rewrites in words.
	 * @return for example {@code "line 3 ALTER TABLE: ACCESS EXCLUSIVE on public.orders,
	 * rewrites public.orders"}
	 */
	public String describe() {
		StringBuilder text = new StringBuilder("line " + this.line + " " + this.command + ":");
		String separator = " ";
		for (RelationLock lock : this.locks) {
			text.append(separator).append(lock);
			separator = ", ";
		}
		for (String relation : this.rewritten) {
			text.append(separator).append("rewrites ").append(relation);
			separator = ", ";
		}
		if (!this.observed) {
			text.append(" (outside a transaction: held while the statement runs)");
		}
		return text.toString();
	}

}
