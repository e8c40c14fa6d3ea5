package io.migrator.autoconfigure;

import io.migrator.core.MigrationException;

import org.springframework.boot.ExitCodeExceptionMapper;

/**
 * Gives a start that a {@link MigrationException} stopped the same exit code as job mode
 * (the reason's), instead of Spring Boot's generic 1, so scripts and orchestrators can
 * tell a failed script from a lock timeout. Spring Boot only asks while the context is
 * still active: a failure in the startup runner gets its code, a failure during the
 * refresh (the early initializer of JPA applications) exits with 1.
 */
class MigrationExitCodeExceptionMapper implements ExitCodeExceptionMapper {

	@Override
	public int getExitCode(Throwable exception) {
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			if (cause instanceof MigrationException failure) {
				return failure.reason().exitCode();
			}
		}
		return 0;
	}

}
