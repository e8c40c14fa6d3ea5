package io.migrator.core.internal.lock;

/**
 * A held migration lock; closing it releases it. Release failures are reported but never
 * hide an exception that is already propagating.
 *
 * @since 0.1.0
 */
public interface MigrationLock extends AutoCloseable {

	@Override
	void close();

}
