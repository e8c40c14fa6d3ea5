package io.migrator.core.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.testcontainers.DockerClientFactory;

/**
 * How every test database server is found, once per JVM:
 * <ol>
 * <li>Testcontainers, where a Docker engine is available;</li>
 * <li>the server an environment variable names;</li>
 * <li>the server a fresh development machine runs on its standard local port, if one
 * answers, so that a bare {@code ./mvnw verify} works there;</li>
 * <li>otherwise a failure that says how to provide one. Never a skip.</li>
 * </ol>
 */
final class TestServers {

	private TestServers() {
	}

	/**
	 * Find a server.
	 * @param <S> the server type
	 * @param variable the environment variable with a JDBC URL
	 * @param container starts a container and describes its server
	 * @param localUrl the JDBC URL of the local server tried last, with a short connect
	 * timeout
	 * @param fromUrl describes the server a URL names
	 * @param howTo the failure's message when there is none
	 * @return the server
	 */
	static <S> S find(String variable, Supplier<S> container, String localUrl, Function<String, S> fromUrl,
			String howTo) {
		if (dockerAvailable()) {
			return container.get();
		}
		String configured = System.getenv(variable);
		if (configured != null && !configured.isBlank()) {
			return fromUrl.apply(configured);
		}
		SQLException refused = answers(localUrl);
		if (refused == null) {
			System.err.println(
					"[migrator tests] No Docker and " + variable + " is not set: using the local server " + localUrl);
			return fromUrl.apply(localUrl);
		}
		throw new IllegalStateException(
				howTo + ". The local server " + localUrl + " did not answer either: " + refused.getMessage(), refused);
	}

	private static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static SQLException answers(String url) {
		try (Connection connection = DriverManager.getConnection(url)) {
			return null;
		}
		catch (SQLException ex) {
			return ex;
		}
	}

}
