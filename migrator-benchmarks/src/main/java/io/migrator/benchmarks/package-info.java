/**
 * Side-by-side runs of migrator, Flyway, Liquibase and a plain-JDBC floor on the same
 * generated SQL: {@link io.migrator.benchmarks.BenchmarkMain} runs the scenarios and
 * reports, {@link io.migrator.benchmarks.ToolRun} is the child process that times one
 * tool.
 */
@NullMarked
package io.migrator.benchmarks;

import org.jspecify.annotations.NullMarked;
