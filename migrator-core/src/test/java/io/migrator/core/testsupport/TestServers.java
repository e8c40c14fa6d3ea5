package io.migrator.core.testsupport;

import java.util.function.Function;
import java.util.function.Supplier;

import org.testcontainers.DockerClientFactory;

/**
 * How every test database server is found, once per JVM: Testcontainers where a Docker
 * engine is available, else the server an environment variable names, else a failure that
 * says how to provide one. Never a skip.
 */
final class TestServers {

	private TestServers() {
	}

	/**
	 * Find a server.
	 * @param <S> the server type
	 * @param variable the environment variable with a JDBC URL
	 * @param container starts a container and describes its server
	 * @param fromUrl describes the server a URL names
	 * @param howTo the failure's message when there is neither
	 * @return the server
	 */
	static <S> S find(String variable, Supplier<S> container, Function<String, S> fromUrl, String howTo) {
		boolean docker;
		try {
			docker = DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			docker = false;
		}
		if (docker) {
			return container.get();
		}
		String configured = System.getenv(variable);
		if (configured != null && !configured.isBlank()) {
			return fromUrl.apply(configured);
		}
		throw new IllegalStateException(howTo);
	}

}
