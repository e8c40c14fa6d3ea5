package io.migrator.autoconfigure;

import io.migrator.core.MigrateResult;
import io.migrator.core.Version;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;

/**
 * Published once the schema is at the version this application needs: after the startup
 * migration (mode {@code migrate}) or once the awaited version is reached (mode
 * {@code await}). It is published after the application context is refreshed and before
 * it reports being ready, even when the migration itself ran earlier, so every listener
 * (an {@code @EventListener} method too) receives it.
 *
 * @since 0.1.0
 */
public class SchemaMigratedEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	private final transient Version schemaVersion;

	private final transient @Nullable MigrateResult result;

	/**
	 * Create an event.
	 * @param source the object that published it
	 * @param schemaVersion the schema's version now
	 * @param result what this application's migration did, {@code null} in await mode
	 */
	public SchemaMigratedEvent(Object source, Version schemaVersion, @Nullable MigrateResult result) {
		super(source);
		this.schemaVersion = schemaVersion;
		this.result = result;
	}

	/**
	 * The schema's version now.
	 * @return the version
	 */
	public Version getSchemaVersion() {
		return this.schemaVersion;
	}

	/**
	 * What this application's migration did.
	 * @return the result, or {@code null} when this application waited for a migration
	 * run elsewhere
	 */
	public @Nullable MigrateResult getResult() {
		return this.result;
	}

}
