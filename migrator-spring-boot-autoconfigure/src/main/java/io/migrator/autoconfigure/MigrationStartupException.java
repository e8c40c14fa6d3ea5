package io.migrator.autoconfigure;

import io.migrator.core.MigrationException;

import org.springframework.boot.ExitCodeGenerator;

/**
 * Carries a {@link MigrationException} out of the context refresh with its exit code. A
 * failure while the context is still being refreshed (configuration, or migrating early
 * for JPA) happens before any {@code ExitCodeExceptionMapper} bean can answer, and Spring
 * Boot asks the exception itself; without this it would exit with 1.
 *
 * @since 0.1.0
 */
public class MigrationStartupException extends RuntimeException implements ExitCodeGenerator {

	private static final long serialVersionUID = 1L;

	public MigrationStartupException(MigrationException cause) {
		super(cause.getMessage(), cause);
	}

	@Override
	public int getExitCode() {
		return ((MigrationException) getCause()).reason().exitCode();
	}

	/**
	 * Run start-up work, reporting a migration failure with its exit code.
	 * @param work the work
	 * @param <T> what it returns
	 * @return what the work returned
	 */
	static <T> T reporting(java.util.function.Supplier<T> work) {
		try {
			return work.get();
		}
		catch (MigrationException ex) {
			throw new MigrationStartupException(ex);
		}
	}

}
