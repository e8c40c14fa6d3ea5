package io.migrator.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine a run was measured on, printed with its results: ratios from one machine
 * and one run are the only comparison that holds.
 *
 * @param cpus the processors the JVM sees
 * @param memoryMb the machine's memory, -1 when unknown
 * @param database the server's version
 * @param java the runtime's version and vendor
 * @param os the operating system
 * @since 0.1.0
 */
public record Environment(int cpus, long memoryMb, String database, String java, String os) {

	/**
	 * Describe this machine and the server.
	 * @param server the server measured against
	 * @return the environment
	 */
	public static Environment of(PostgresServer server) {
		return new Environment(Runtime.getRuntime().availableProcessors(), machineMemoryMb(), server.version(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " ("
						+ System.getProperty("java.vendor") + ")",
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"));
	}

	private static long machineMemoryMb() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					return Long.parseLong(line.substring("MemTotal:".length()).replace("kB", "").trim()) / 1024;
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// Not Linux: memory is not reported.
		}
		return -1;
	}

}
