package io.migrator.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * A {@link ToolRun} child process: started, released, and read for its result line. A
 * reader thread drains its output (so it never blocks on a full pipe), keeps the last
 * lines for error messages, copies every line to a log file when given one, and notes
 * when the result line arrived. The Boot-level start's services run as children too,
 * timed from {@link #startedNanos()} and stopped with {@link #stop(Duration)}.
 */
final class ChildProcess implements AutoCloseable {

	private static final int TAIL_LINES = 60;

	private final Process process;

	private final String label;

	private final long startedNanos;

	private final CountDownLatch ready = new CountDownLatch(1);

	private final CompletableFuture<Result> result = new CompletableFuture<>();

	private final Deque<String> tail = new ArrayDeque<>();

	private final CompletableFuture<Long> exitedNanos;

	private final @Nullable Path log;

	private volatile String failure = "no result";

	private ChildProcess(Process process, String label, long startedNanos, @Nullable Path log) {
		this.process = process;
		this.label = label;
		this.startedNanos = startedNanos;
		this.log = log;
		// Noted when the process ends, not when we get round to asking: replicas end in
		// any order.
		this.exitedNanos = process.onExit().thenApply((ended) -> System.nanoTime());
		Thread reader = new Thread(this::readOutput, "bench-output-" + process.pid());
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start a child.
	 * @param command the command line
	 * @param label what it runs, for messages
	 * @return the running child
	 */
	static ChildProcess start(List<String> command, String label) {
		return start(command, label, null);
	}

	/**
	 * Start a child whose whole output is also written to a file.
	 * @param command the command line
	 * @param label what it runs, for messages
	 * @param log where its output goes, {@code null} for nowhere
	 * @return the running child
	 */
	static ChildProcess start(List<String> command, String label, @Nullable Path log) {
		try {
			long started = System.nanoTime();
			return new ChildProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), label, started, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + String.join(" ", command), ex);
		}
	}

	/**
	 * Wait until the child's pool is open.
	 * @param timeout how long at most
	 */
	void awaitReady(Duration timeout) {
		try {
			if (!this.ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(this.label + " was not ready after " + timeout + ":\n" + tail());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this.label, ex);
		}
		if (this.result.isCompletedExceptionally()) {
			awaitResult(Duration.ZERO);
		}
	}

	/**
	 * Release a child started with {@code --barrier}.
	 */
	void go() {
		try {
			OutputStream in = this.process.getOutputStream();
			in.write('\n');
			in.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot release " + this.label, ex);
		}
	}

	/**
	 * Wait for the result line and the end of the process.
	 * @param timeout how long at most
	 * @return the result
	 * @throws IllegalStateException with the child's last output if it failed
	 */
	Result awaitResult(Duration timeout) {
		try {
			Result measured = this.result.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
			if (!this.process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(this.label + " printed its result but did not exit");
			}
			if (this.process.exitValue() != 0) {
				throw new IllegalStateException(
						this.label + " exited with " + this.process.exitValue() + ":\n" + tail());
			}
			return measured.withProcessNanos(
					this.exitedNanos.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS) - this.startedNanos);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException(this.label + " did not finish within " + timeout + ":\n" + tail(), ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(this.label + " failed: " + ex.getCause().getMessage(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for " + this.label, ex);
		}
	}

	/**
	 * Whether the child has exited and its output has been read, so {@link #awaitResult}
	 * returns or throws at once.
	 * @return whether it is finished
	 */
	boolean isFinished() {
		return this.result.isDone() && this.exitedNanos.isDone();
	}

	/**
	 * Why the child failed, in one line.
	 * @return the child's failure line, or "no result"
	 */
	String failure() {
		return this.failure;
	}

	/**
	 * When the child was started.
	 * @return {@link System#nanoTime()} just before the process was started
	 */
	long startedNanos() {
		return this.startedNanos;
	}

	/**
	 * Whether the child is still running.
	 * @return whether its process is alive
	 */
	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * End the child as a pod is ended: a termination signal, then, if it is still running
	 * after the grace period, a kill.
	 * @param grace how long it may take to shut down
	 */
	void stop(Duration grace) {
		this.process.destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

	private void readOutput() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				Writer copy = (this.log != null) ? Files.newBufferedWriter(this.log, StandardCharsets.UTF_8)
						: Writer.nullWriter()) {
			String line;
			while ((line = reader.readLine()) != null) {
				copy.write(line);
				copy.write('\n');
				if (line.equals(ToolRun.READY)) {
					this.ready.countDown();
				}
				else if (line.startsWith(ToolRun.RESULT + " ")) {
					this.result.complete(Result.parse(line, System.nanoTime()));
				}
				else {
					if (line.startsWith(ToolRun.FAILED + " ")) {
						this.failure = line.substring(ToolRun.FAILED.length() + 1);
					}
					remember(line);
				}
			}
		}
		catch (IOException ex) {
			remember("(output unreadable: " + ex + ")");
		}
		this.result
			.completeExceptionally(new IllegalStateException(this.label + " ended without a result:\n" + tail()));
		this.ready.countDown();
	}

	private synchronized void remember(String line) {
		if (this.tail.size() == TAIL_LINES) {
			this.tail.removeFirst();
		}
		this.tail.addLast(line);
	}

	/**
	 * The child's last lines of output, for error messages.
	 * @return the lines, each indented
	 */
	synchronized String tail() {
		return "  | " + String.join("\n  | ", this.tail);
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
	}

	/**
	 * What a child measured.
	 *
	 * @param elapsedNanos the tool's own time, from its entry call to its return
	 * @param cpuNanos the CPU time the child used meanwhile, all threads
	 * @param rssKb the child's peak resident set, -1 when unknown
	 * @param seenNanos when the parent read the result ({@link System#nanoTime()})
	 * @param processNanos the whole process, from start to exit; 0 until it exited
	 */
	record Result(long elapsedNanos, long cpuNanos, long rssKb, long seenNanos, long processNanos) {

		static Result parse(String line, long seenNanos) {
			long elapsed = -1;
			long cpu = -1;
			long rss = -1;
			for (String field : line.substring(ToolRun.RESULT.length()).trim().split(" ")) {
				if (field.startsWith("elapsed_ns=")) {
					elapsed = Long.parseLong(field.substring("elapsed_ns=".length()));
				}
				else if (field.startsWith("cpu_ns=")) {
					cpu = Long.parseLong(field.substring("cpu_ns=".length()));
				}
				else if (field.startsWith("rss_kb=")) {
					rss = Long.parseLong(field.substring("rss_kb=".length()));
				}
			}
			if (elapsed < 0) {
				throw new IllegalStateException("No elapsed_ns in '" + line + "'");
			}
			return new Result(elapsed, cpu, rss, seenNanos, 0);
		}

		Result withProcessNanos(long processNanos) {
			return new Result(this.elapsedNanos, this.cpuNanos, this.rssKb, this.seenNanos, processNanos);
		}

	}

}
