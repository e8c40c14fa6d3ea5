/**
 * The Boot-level start's service: a small Spring Boot web application, packaged as its
 * own fat jar and started by {@link io.migrator.benchmarks.BootStartBenchmark} with no
 * migration tool, with migrator, with Flyway or with Liquibase.
 */
@NullMarked
package io.migrator.benchmarks.boot;

import org.jspecify.annotations.NullMarked;
