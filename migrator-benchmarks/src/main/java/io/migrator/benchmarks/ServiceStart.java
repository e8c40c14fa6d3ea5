package io.migrator.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One start of the Boot-level start's service, as a pod starts it: {@code java -jar} on a
 * free port, timed from just before the process starts to the first {@code 200} of
 * {@code /actuator/health/readiness} (polled every {@value #POLL_MILLIS} ms), then
 * stopped as a pod is stopped. The whole output goes to a log file; a service that exits
 * or is not ready in time fails the benchmark with its last lines.
 *
 * @since 0.3.0
 */
final class ServiceStart {

	static final long POLL_MILLIS = 10;

	private static final Duration STOP_GRACE = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	private final List<String> jvmArgs;

	private final Duration timeout;

	private final boolean connectAtStart;

	/**
	 * @param jvmArgs extra options for every service JVM
	 * @param timeout how long a service may take to become ready
	 * @param connectAtStart whether every service opens a pooled connection before it is
	 * ready
	 */
	ServiceStart(List<String> jvmArgs, Duration timeout, boolean connectAtStart) {
		this.jvmArgs = jvmArgs;
		this.timeout = timeout;
		this.connectAtStart = connectAtStart;
	}

	/**
	 * Start a service, time it to readiness and stop it.
	 * @param tool the tool its jar holds
	 * @param jar the service jar for that tool
	 * @param url the database's JDBC URL
	 * @param log where the service's output goes
	 * @param label what runs, for messages
	 * @return nanoseconds from process start to the first ready answer
	 */
	long timeToReady(BootTool tool, Path jar, String url, Path log, String label) {
		int port = freePort();
		ChildProcess service = ChildProcess.start(command(tool, jar, url, port), label, log);
		try {
			return awaitReady(service, port, label, log);
		}
		finally {
			service.stop(STOP_GRACE);
		}
	}

	/**
	 * The command line: the same JVM options and settings for every tool, only the tool's
	 * own (Liquibase's changelog) added.
	 */
	List<String> command(BootTool tool, Path jar, String url, int port) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.jvmArgs);
		// Liquibase asks a remote endpoint whether to send usage data; no other tool
		// calls
		// home.
		command.add("-Dliquibase.analytics.enabled=false");
		command.add("-jar");
		command.add(jar.toString());
		command.add("--server.port=" + port);
		command.add("--spring.datasource.url=" + url);
		command.add("--logging.level.root=WARN");
		// Readiness is a health group of its own only on Kubernetes unless asked for.
		command.add("--management.endpoint.health.probes.enabled=true");
		if (this.connectAtStart) {
			command.add("--bench.connect-at-start=true");
		}
		command.addAll(tool.serviceArgs());
		return command;
	}

	private long awaitReady(ChildProcess service, int port, String label, Path log) {
		HttpRequest readiness = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(10))
			.build();
		long deadline = service.startedNanos() + this.timeout.toNanos();
		while (true) {
			try {
				HttpResponse<Void> response = this.http.send(readiness, HttpResponse.BodyHandlers.discarding());
				if (response.statusCode() == 200) {
					return System.nanoTime() - service.startedNanos();
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + label, ex);
			}
			if (!service.isAlive()) {
				throw new IllegalStateException(
						label + " exited before it was ready (log: " + log + "):\n" + service.tail());
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(label + " was not ready after " + this.timeout + " (log: " + log
						+ "); raise --timeout-minutes if it is only slow:\n" + service.tail());
			}
			try {
				Thread.sleep(POLL_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for " + label, ex);
			}
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot find a free port for the service", ex);
		}
	}

}
