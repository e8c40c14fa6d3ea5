package io.migrator.benchmarks.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The service whose start {@link io.migrator.benchmarks.BootStartBenchmark} times: a web
 * endpoint, a pool, actuator health, and whichever migration tool's jars the copy it runs
 * from holds. Nothing in it names a tool: the tool is chosen by what is on the class
 * path, as in an application that uses one.
 *
 * @since 0.3.0
 */
@SpringBootApplication
public class BenchService {

	public static void main(String[] args) {
		SpringApplication.run(BenchService.class, args);
	}

}
