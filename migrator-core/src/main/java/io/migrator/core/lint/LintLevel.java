package io.migrator.core.lint;

/**
 * How serious a lint finding is.
 *
 * @since 0.2.0
 */
public enum LintLevel {

	/** The statement locks a table in use or breaks the running version: fix it. */
	ERROR,

	/** The script probably holds a lock longer or waits longer than it should. */
	WARNING,

	/** Safe, but there is a better way. */
	ADVICE

}
