package io.migrator.core.internal.sql;

import org.jspecify.annotations.Nullable;

/**
 * One thing an {@code ALTER TABLE} subcommand or a {@code CREATE TABLE} column does, as
 * {@link PostgresAlterActions} reads it for the linter: what a lock mode alone does not
 * tell (which column, which type, whether a constraint is {@code NOT VALID}).
 *
 * @param kind what the subcommand does
 * @param name the column it adds, drops, changes or renames; the new name of a renamed
 * table; {@code null} for a constraint or another subcommand
 * @param type the column's type (added or changed to), as written but in lower case,
 * words separated by one space and nothing else ({@code numeric(10,2)}); {@code null}
 * when there is none
 * @param defaultValue the {@code DEFAULT} expression of an added column, in lower case,
 * or {@code null} without one
 * @param notNull whether an added column is {@code NOT NULL} (or a {@code PRIMARY KEY})
 * @param generated whether an added column is {@code GENERATED} (an identity or a stored
 * expression), which fills every existing row
 * @param notValid whether an added constraint is {@code NOT VALID}
 * @param usingIndex whether an added unique or primary key constraint is
 * {@code USING INDEX}
 * @since 0.2.0
 */
public record TableAction(Kind kind, @Nullable String name, @Nullable String type, @Nullable String defaultValue,
		boolean notNull, boolean generated, boolean notValid, boolean usingIndex) {

	/** What a subcommand does. */
	public enum Kind {

		/** {@code ADD [COLUMN]}, or a column of {@code CREATE TABLE}. */
		ADD_COLUMN,

		/** {@code DROP [COLUMN]}. */
		DROP_COLUMN,

		/** {@code ALTER [COLUMN] c [SET DATA] TYPE t}. */
		ALTER_TYPE,

		/** {@code ALTER [COLUMN] c SET NOT NULL}. */
		SET_NOT_NULL,

		/** {@code ADD [CONSTRAINT n] FOREIGN KEY}. */
		ADD_FOREIGN_KEY,

		/** {@code ADD [CONSTRAINT n] CHECK}. */
		ADD_CHECK,

		/** {@code ADD [CONSTRAINT n] UNIQUE}. */
		ADD_UNIQUE,

		/** {@code ADD [CONSTRAINT n] PRIMARY KEY}. */
		ADD_PRIMARY_KEY,

		/** {@code ADD [CONSTRAINT n] EXCLUDE}. */
		ADD_EXCLUSION,

		/** {@code VALIDATE CONSTRAINT}. */
		VALIDATE_CONSTRAINT,

		/** {@code RENAME [COLUMN] c TO d}. */
		RENAME_COLUMN,

		/** {@code RENAME TO t}. */
		RENAME_TABLE,

		/** Any other subcommand. */
		OTHER

	}

	static TableAction of(Kind kind, @Nullable String name) {
		return new TableAction(kind, name, null, null, false, false, false, false);
	}

}
