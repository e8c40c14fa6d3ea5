package io.migrator.sample;

/**
 * How a run of the sample app ended: its exit code and everything it printed.
 *
 * @param exit the exit code
 * @param output the output, standard error included
 */
record JobResult(int exit, String output) {

}
