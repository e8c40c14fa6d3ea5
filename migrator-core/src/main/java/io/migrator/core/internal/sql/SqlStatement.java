package io.migrator.core.internal.sql;

/**
 * One SQL statement of a script, without its terminating {@code ;}.
 *
 * @param sql the statement text: leading whitespace and comments removed, trailing
 * whitespace removed, comments inside the statement kept verbatim
 * @param line the 1-based line of the script on which the statement's first token stands
 */
public record SqlStatement(String sql, int line) {
}
