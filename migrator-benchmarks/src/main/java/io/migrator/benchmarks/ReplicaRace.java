package io.migrator.benchmarks;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Eight runners of one tool on one empty database, released at once:
 * <ol>
 * <li>start them all and wait until each has its pool open;</li>
 * <li>release them together and note the time;</li>
 * <li>collect each result; a runner that fails is started again at once, as Kubernetes
 * restarts a crashed pod (without its back-off, which favours the tool that failed), up
 * to {@link #MAX_RESTARTS} times in all;</li>
 * <li>the measured time runs from the release to the last result.</li>
 * </ol>
 */
final class ReplicaRace {

	/** How many failed runners one race starts again before it gives up. */
	static final int MAX_RESTARTS = 2 * Scenario.REPLICAS;

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

	private final RunnerCommand command;

	private final Duration timeout;

	private final Consumer<String> log;

	ReplicaRace(RunnerCommand command, Duration timeout, Consumer<String> log) {
		this.command = command;
		this.timeout = timeout;
		this.log = log;
	}

	/**
	 * Run the race.
	 * @param tool the tool
	 * @param url the empty database
	 * @param workload the scripts
	 * @return the time from release to the last result, the CPU of all runners, the
	 * slowest process, the largest peak RSS, and the restarts
	 */
	Outcome run(Tool tool, String url, Workload workload) {
		ChildProcess[] children = new ChildProcess[Scenario.REPLICAS];
		ChildProcess.Result[] results = new ChildProcess.Result[Scenario.REPLICAS];
		try {
			for (int i = 0; i < children.length; i++) {
				children[i] = ChildProcess.start(this.command.of(tool, url, workload), label(tool, workload, i));
			}
			for (ChildProcess child : children) {
				child.awaitReady(READY_TIMEOUT);
			}
			long released = System.nanoTime();
			for (ChildProcess child : children) {
				child.go();
			}
			int restarts = collect(tool, url, workload, children, results, released);
			long lastSeen = released;
			long cpu = 0;
			long slowestProcess = 0;
			long largestRss = -1;
			for (ChildProcess.Result result : results) {
				lastSeen = Math.max(lastSeen, result.seenNanos());
				cpu += result.cpuNanos();
				slowestProcess = Math.max(slowestProcess, result.processNanos());
				largestRss = Math.max(largestRss, result.rssKb());
			}
			return new Outcome(new ChildProcess.Result(lastSeen - released, cpu, largestRss, lastSeen, slowestProcess),
					restarts);
		}
		finally {
			for (ChildProcess child : children) {
				if (child != null) {
					child.close();
				}
			}
		}
	}

	/**
	 * Wait for every runner, in whatever order they finish, restarting those that fail.
	 */
	private int collect(Tool tool, String url, Workload workload, ChildProcess[] children,
			ChildProcess.Result[] results, long released) {
		int restarts = 0;
		int done = 0;
		while (done < children.length) {
			for (int i = 0; i < children.length; i++) {
				if (results[i] != null || !children[i].isFinished()) {
					continue;
				}
				try {
					results[i] = children[i].awaitResult(this.timeout);
					done++;
				}
				catch (IllegalStateException ex) {
					if (restarts == MAX_RESTARTS) {
						throw new IllegalStateException(tool.id() + " replicas8 at N=" + workload.n()
								+ ": runners still fail after " + restarts + " restarts", ex);
					}
					restarts++;
					this.log.accept(
							label(tool, workload, i) + " failed (" + children[i].failure() + "); starting it again");
					children[i].close();
					children[i] = ChildProcess.start(this.command.of(tool, url, workload), label(tool, workload, i));
					children[i].awaitReady(READY_TIMEOUT);
					children[i].go();
				}
			}
			if (System.nanoTime() - released > this.timeout.toNanos()) {
				throw new IllegalStateException(
						tool.id() + " replicas8 at N=" + workload.n() + " did not finish within " + this.timeout);
			}
			pause();
		}
		return restarts;
	}

	private static String label(Tool tool, Workload workload, int index) {
		return tool.id() + " replica " + (index + 1) + "/" + Scenario.REPLICAS + " at N=" + workload.n();
	}

	private static void pause() {
		try {
			Thread.sleep(5);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the replicas", ex);
		}
	}

	/**
	 * What a race measured.
	 *
	 * @param result the combined result
	 * @param restarts how many runners failed and were started again
	 */
	record Outcome(ChildProcess.Result result, int restarts) {

	}

}
