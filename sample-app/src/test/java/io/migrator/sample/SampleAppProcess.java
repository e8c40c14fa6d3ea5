package io.migrator.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.migrator.core.testsupport.TestDatabase;

/**
 * The sample app's executable jar as a real process: started with arguments and
 * environment, its output captured, its exit code awaited, its HTTP port polled.
 */
final class SampleAppProcess implements AutoCloseable {

	/** How long the {@code await} methods sleep between two looks. */
	private static final long POLL_MILLIS = 100;

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final StringBuffer output = new StringBuffer();

	private final Thread pump;

	/**
	 * The app listens on a port the system picks ({@code server.port=0}) and logs it: a
	 * port chosen here and passed in can be taken by another process's outgoing
	 * connection before the app binds it.
	 */
	private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private volatile int port;

	private SampleAppProcess(Process process) {
		this.process = process;
		this.pump = new Thread(() -> copy(process.getInputStream()), "sample-app-output");
		this.pump.setDaemon(true);
		this.pump.start();
	}

	/**
	 * The packaged jar; failsafe passes its path.
	 * @return the jar
	 */
	static Path jar() {
		String configured = System.getProperty("sample.jar");
		if (configured == null || !Files.isRegularFile(Path.of(configured))) {
			throw new IllegalStateException("The sample app jar is missing (" + configured
					+ "): run these tests with ./mvnw verify, which packages it first");
		}
		return Path.of(configured);
	}

	static Builder builder() {
		return new Builder();
	}

	private void copy(InputStream in) {
		byte[] buffer = new byte[8192];
		try {
			int read;
			while ((read = in.read(buffer)) != -1) {
				String chunk = new String(buffer, 0, read, StandardCharsets.UTF_8);
				if (this.port == 0) {
					// The line may span two chunks: look at the new one with the end of
					// the one before.
					int from = Math.max(0, this.output.length() - 100);
					Matcher started = STARTED.matcher(this.output.substring(from) + chunk);
					if (started.find()) {
						this.port = Integer.parseInt(started.group(1));
					}
				}
				this.output.append(chunk);
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

	String output() {
		return this.output.toString();
	}

	/**
	 * The HTTP port, once the web server has started.
	 * @return the port, or 0 before the app has logged it
	 */
	int port() {
		return this.port;
	}

	long pid() {
		return this.process.pid();
	}

	/**
	 * Wait for the process to end.
	 * @param timeout how long at most
	 * @return the exit code
	 */
	int waitForExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
				throw new IllegalStateException("The sample app did not exit within " + timeout + ":\n" + output());
			}
			joinPump();
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void joinPump() {
		try {
			this.pump.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Wait until a path answers with a status.
	 * @param path the path
	 * @param status the status
	 * @param timeout how long at most
	 * @return the response that had the status
	 * @throws AssertionError when the process exits or the time is up first, with the
	 * last response and the output
	 */
	Response awaitStatus(String path, int status, Duration timeout) {
		return awaitResponse(path, (response) -> response.status() == status, "to answer " + status, timeout);
	}

	/**
	 * Wait until the body a path answers with contains a text.
	 * @param path the path
	 * @param text the text
	 * @param timeout how long at most
	 * @return the response whose body contains the text
	 * @throws AssertionError when the process exits or the time is up first, with the
	 * last response and the output
	 */
	Response awaitBody(String path, String text, Duration timeout) {
		return awaitResponse(path, (response) -> response.body().contains(text), "to answer with '" + text + "'",
				timeout);
	}

	private Response awaitResponse(String path, Predicate<Response> expected, String what, Duration timeout) {
		AtomicReference<Response> last = new AtomicReference<>();
		await(() -> path + " " + what + " (last " + last.get() + ")", timeout, () -> {
			last.set(get(path));
			return expected.test(last.get());
		});
		return last.get();
	}

	/**
	 * Wait until the output contains a text.
	 * @param text the text
	 * @param timeout how long at most
	 * @throws AssertionError when the process exits or the time is up first, with the
	 * output
	 */
	void awaitOutput(String text, Duration timeout) {
		awaitOutput(text, timeout, () -> {
		});
	}

	/**
	 * Wait until the output contains a text, and look at something else between two looks
	 * at the output.
	 * @param text the text
	 * @param timeout how long at most
	 * @param whileWaiting runs after every look that did not find the text
	 * @throws AssertionError when the process exits or the time is up first, with the
	 * output
	 */
	void awaitOutput(String text, Duration timeout, Runnable whileWaiting) {
		await(() -> "'" + text + "' in the output", timeout, () -> {
			if (output().contains(text)) {
				return true;
			}
			whileWaiting.run();
			return false;
		});
	}

	/**
	 * Wait until a condition holds while the process runs: the one wait loop of these
	 * tests. The condition is tested at least once, then every {@value #POLL_MILLIS} ms.
	 * @param what what is waited for, for the failure message
	 * @param timeout how long at most
	 * @param condition the condition
	 * @throws AssertionError when the process exits or the time is up first, with what
	 * was waited for and the output
	 */
	void await(String what, Duration timeout, BooleanSupplier condition) {
		await(() -> what, timeout, condition);
	}

	private void await(Supplier<String> what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (!isAlive()) {
				// Its last words may still be on their way to the output.
				joinPump();
				if (condition.getAsBoolean()) {
					return;
				}
				throw new AssertionError("The sample app exited (" + this.process.exitValue() + ") while waiting for "
						+ what.get() + ":\n" + output());
			}
			if (System.nanoTime() - deadline >= 0) {
				throw new AssertionError(
						"Timed out after " + timeout + " waiting for " + what.get() + ":\n" + output());
			}
			PostgresProbe.sleep(POLL_MILLIS);
		}
	}

	/**
	 * GET a path on the app's port.
	 * @param path the path
	 * @return the status code and body, or status 0 when nothing answers yet
	 */
	Response get(String path) {
		return send(path, UnaryOperator.identity());
	}

	/**
	 * POST a JSON body to a path on the app's port.
	 * @param path the path
	 * @param json the body
	 * @return the status code and body
	 */
	Response post(String path, String json) {
		return send(path, (request) -> request.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * Send a request to a path on the app's port.
	 * @param path the path
	 * @param method sets the method, and a body if it has one, on a request for the path
	 * @return the status code and body, or status 0 when nothing answers yet
	 */
	private Response send(String path, UnaryOperator<HttpRequest.Builder> method) {
		if (port() == 0) {
			return new Response(0, "the web server has not started yet");
		}
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
				.timeout(Duration.ofSeconds(5));
			HttpResponse<String> response = http.send(method.apply(request).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return new Response(0, String.valueOf(ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	void killHard() {
		this.process.destroyForcibly();
		waitForExit(Duration.ofSeconds(30));
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.process.destroyForcibly();
			}
		}
	}

	record Response(int status, String body) {

	}

	static final class Builder {

		private final List<String> arguments = new ArrayList<>();

		private final Map<String, String> environment = new LinkedHashMap<>();

		private final List<String> jvmOptions = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-Xss512k"));

		Builder arg(String argument) {
			this.arguments.add(argument);
			return this;
		}

		Builder env(String name, String value) {
			this.environment.put(name, value);
			return this;
		}

		Builder jvm(String option) {
			this.jvmOptions.add(option);
			return this;
		}

		/**
		 * Point the app at a PostgreSQL database with the standard Spring Boot variables.
		 * @param url the JDBC URL
		 * @param username the user
		 * @param password the password
		 * @return this builder
		 */
		Builder postgres(String url, String username, String password) {
			env("SPRING_PROFILES_ACTIVE", "postgres");
			env("SPRING_DATASOURCE_URL", url);
			env("SPRING_DATASOURCE_USERNAME", username);
			env("SPRING_DATASOURCE_PASSWORD", password);
			return this;
		}

		/**
		 * Point the app at a test database, with its own login.
		 * @param database the database
		 * @return this builder
		 */
		Builder postgres(TestDatabase database) {
			return postgres(database.url(), database.username(), database.password());
		}

		/**
		 * Point the app at a MariaDB test database (profile {@code mariadb}), with its
		 * own login.
		 * @param database the database
		 * @return this builder
		 */
		Builder mariadb(TestDatabase database) {
			env("SPRING_PROFILES_ACTIVE", "mariadb");
			env("SPRING_DATASOURCE_URL", database.url());
			env("SPRING_DATASOURCE_USERNAME", database.username());
			env("SPRING_DATASOURCE_PASSWORD", database.password());
			return this;
		}

		/**
		 * Start the process and wait for it to end.
		 * @param timeout how long at most
		 * @return its exit code and output
		 */
		JobResult run(Duration timeout) {
			try (SampleAppProcess process = start()) {
				return new JobResult(process.waitForExit(timeout), process.output());
			}
		}

		SampleAppProcess start() {
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(this.jvmOptions);
			command.add("-jar");
			command.add(jar().toString());
			command.add("--server.port=0");
			command.addAll(this.arguments);
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			builder.environment().putAll(this.environment);
			try {
				return new SampleAppProcess(builder.start());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
