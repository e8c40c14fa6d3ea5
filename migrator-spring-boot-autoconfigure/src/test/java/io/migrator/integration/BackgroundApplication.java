package io.migrator.integration;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.migrator.core.testsupport.TestDatabase;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a Spring Boot application on a background thread, as {@code java -jar} would, so
 * a test can talk to it over HTTP while it is still starting (the context is only
 * returned once the application runners, the migration among them, are done).
 */
final class BackgroundApplication implements AutoCloseable {

	private final int port;

	private final CompletableFuture<ConfigurableApplicationContext> started;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private BackgroundApplication(int port, CompletableFuture<ConfigurableApplicationContext> started) {
		this.port = port;
		this.started = started;
	}

	static BackgroundApplication start(Class<?> application, TestDatabase database, String... properties) {
		int port = freePort();
		List<String> all = new ArrayList<>(List.of("server.port=" + port, "spring.datasource.url=" + database.url(),
				"spring.datasource.username=" + database.username(),
				"spring.datasource.password=" + database.password(), "spring.application.name=migrator-test",
				"management.endpoints.web.exposure.include=health,migrator,metrics,configprops",
				"management.endpoint.health.show-details=always", "management.endpoint.health.show-components=always",
				"management.endpoint.health.group.readiness.show-components=always", "spring.jmx.enabled=false"));
		all.addAll(List.of(properties));
		CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture
			.supplyAsync(() -> new SpringApplicationBuilder(application).properties(all.toArray(String[]::new)).run());
		return new BackgroundApplication(port, started);
	}

	ConfigurableApplicationContext awaitStarted() throws Exception {
		return this.started.get(60, TimeUnit.SECONDS);
	}

	boolean isStarted() {
		return this.started.isDone();
	}

	/**
	 * GET a path; a connection that is refused or times out is status -1.
	 */
	Response get(String path) {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return new Response(-1, String.valueOf(ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.started.get(60, TimeUnit.SECONDS).close();
		}
		catch (Exception ex) {
			// A start that failed closed its context already.
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Response(int status, String body) {

	}

}
