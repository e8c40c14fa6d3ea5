package io.migrator.core.internal.execute;

import java.util.List;

import io.migrator.core.MigrationType;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.sql.ClassifiedStatement;
import org.jspecify.annotations.Nullable;

/**
 * A script read and checked before anything of it runs: its directives, whether it runs
 * in one transaction, and its statements (kept only when small enough; a large data
 * script is streamed again when it runs).
 *
 * @param script the script
 * @param type how the history records it (an undo script runs as {@code UNDO})
 * @param directives its directives
 * @param transactional whether it runs in one transaction with its history row
 * @param statementCount how many statements it has
 * @param statements its statements, classified, or {@code null} when too large to keep
 * @param text the normalised text they were read from, placeholders not replaced, kept
 * with them (the linter reads its suppression comments there rather than reading and
 * hashing the file again); {@code null} when the statements are not kept
 */
public record PreparedScript(Script script, MigrationType type, Directives directives, boolean transactional,
		int statementCount, @Nullable List<ClassifiedStatement> statements, @Nullable String text) {

	/**
	 * The same script, to be read again when it runs rather than kept in memory.
	 * @return the script without its statements and text
	 */
	public PreparedScript withoutStatements() {
		return new PreparedScript(this.script, this.type, this.directives, this.transactional, this.statementCount,
				null, null);
	}

}
