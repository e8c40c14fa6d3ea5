package io.migrator.core.callback;

import java.sql.Connection;

import io.migrator.core.MigrationListener.ScriptRun;
import org.jspecify.annotations.Nullable;

/**
 * What a callback is handed.
 *
 * @param connection the migration connection, in auto-commit mode; do not close it
 * @param script the script the event is about ({@code *_EACH_*} events and the
 * {@code *_ERROR} events), {@code null} for the others
 * @since 0.3.0
 */
public record CallbackContext(Connection connection, @Nullable ScriptRun script) {

}
