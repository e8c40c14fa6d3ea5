package io.migrator.benchmarks;

import java.util.function.Consumer;

/**
 * A checkpoint before every measured run, so no run pays for the previous one's writes;
 * when the role may not take one, a warning, once.
 */
final class Checkpoints {

	private final PostgresServer server;

	private final Consumer<String> warning;

	private boolean warned;

	/**
	 * @param server the server
	 * @param warning where the warning goes
	 */
	Checkpoints(PostgresServer server, Consumer<String> warning) {
		this.server = server;
		this.warning = warning;
	}

	/**
	 * Take a checkpoint, or warn (the first time) that the role cannot.
	 */
	void take() {
		if (!this.server.checkpoint() && !this.warned) {
			this.warned = true;
			this.warning.accept("The role of --jdbc-url cannot run CHECKPOINT (it needs superuser or pg_checkpoint):"
					+ " a run may pay for the previous one's writes");
		}
	}

}
