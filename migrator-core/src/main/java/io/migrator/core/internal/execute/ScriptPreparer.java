package io.migrator.core.internal.execute;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import io.migrator.core.MigrationException;
import io.migrator.core.MigrationException.Reason;
import io.migrator.core.MigrationType;
import io.migrator.core.internal.script.Script;
import io.migrator.core.internal.script.ScriptText;
import io.migrator.core.internal.sql.ClassifiedStatement;
import io.migrator.core.internal.sql.SqlStatement;
import io.migrator.core.internal.sql.SqlSyntaxException;
import io.migrator.core.internal.sql.StatementClassifier;
import io.migrator.core.internal.sql.TransactionUse;
import org.jspecify.annotations.Nullable;

/**
 * Reads and checks scripts before any of them runs, and nothing else: dry runs use it
 * without executing anything.
 * <ol>
 * <li>read the directives, replace the placeholders ({@link Placeholders}), split the
 * statements, and classify each once with the dialect's classifier;</li>
 * <li>refuse a statement that cannot run over JDBC, naming its line;</li>
 * <li>decide whether the script runs in one transaction: not with a
 * {@code transaction=false} directive, a statement the database refuses inside a
 * transaction, or one that manages its own transactions;</li>
 * <li>keep the statements in memory while a script, and the whole run, stay small; a
 * large data script is streamed (and classified) again when it runs.</li>
 * </ol>
 */
public final class ScriptPreparer {

	/**
	 * Statements kept in memory per script; larger scripts are read again when they run.
	 */
	private static final int MAX_KEPT_CHARS_PER_SCRIPT = 4 * 1024 * 1024;

	/**
	 * Statements, and the text they were read from, kept in memory across all scripts of
	 * one run; beyond it they are read again.
	 */
	private static final long MAX_KEPT_CHARS_PER_RUN = 64L * 1024 * 1024;

	private final StatementClassifier classifier;

	private final Placeholders placeholders;

	/**
	 * A preparer that replaces no placeholders.
	 * @param classifier the dialect's statement classifier
	 */
	public ScriptPreparer(StatementClassifier classifier) {
		this(classifier, Placeholders.NONE);
	}

	/**
	 * @param classifier the dialect's statement classifier
	 * @param placeholders what the scripts' placeholders are replaced with
	 * @since 0.3.0
	 */
	public ScriptPreparer(StatementClassifier classifier, Placeholders placeholders) {
		this.classifier = classifier;
		this.placeholders = placeholders;
	}

	/**
	 * What this preparer replaces placeholders with.
	 * @return the placeholders
	 */
	public Placeholders placeholders() {
		return this.placeholders;
	}

	/**
	 * Read and check every script before the first one runs, so a syntax or encoding
	 * error in the last script stops the run before anything changed.
	 * @param scripts the scripts, in the order they will run
	 * @param as how the history records them, {@code null} for each script's own type
	 * @return the prepared scripts
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} naming the file and
	 * line
	 */
	public List<PreparedScript> prepareAll(List<Script> scripts, @Nullable MigrationType as) {
		List<PreparedScript> prepared = new ArrayList<>(scripts.size());
		long kept = 0;
		for (Script script : scripts) {
			PreparedScript one = prepare(script, (as != null) ? as : script.type());
			if (one.statements() != null) {
				kept += one.statements().stream().mapToLong((statement) -> statement.sql().length()).sum()
						+ ((one.text() != null) ? one.text().length() : 0);
				if (kept > MAX_KEPT_CHARS_PER_RUN) {
					one = one.withoutStatements();
				}
			}
			prepared.add(one);
		}
		return prepared;
	}

	/**
	 * Read and check one script without running it.
	 * @param script the script
	 * @param type how the history records it
	 * @return the prepared script
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} naming the file and
	 * line
	 */
	public PreparedScript prepare(Script script, MigrationType type) {
		if (script.java() != null) {
			// Code, not text: it runs in one transaction and has no statements to read.
			return new PreparedScript(script, type, Directives.NONE, true, 0, List.of(), "");
		}
		String location = script.resource().location();
		// Most scripts are small: read once into memory, with the checksum from the same
		// read.
		String text = script.text();
		try (Reader reader = (text != null) ? new StringReader(text)
				: new BufferedReader(ScriptText.open(script.resource()))) {
			Directives directives = Directives.read(reader, location);
			List<ClassifiedStatement> kept = new ArrayList<>();
			long keptChars = 0;
			int count = 0;
			ClassifiedStatement needsNoTransaction = null;
			boolean replace = this.placeholders.appliesTo(directives);
			String fileName = script.fileName();
			Iterator<SqlStatement> split = (text != null)
					? this.classifier.split(replace ? this.placeholders.replace(text, fileName, location) : text)
					: this.classifier.split(
							replace ? this.placeholders.reader((BufferedReader) reader, fileName, location) : reader);
			while (split.hasNext()) {
				ClassifiedStatement statement = this.classifier.classify(split.next());
				count++;
				if (statement.unsupported() != null) {
					throw new MigrationException(Reason.INVALID_SCRIPTS,
							location + " line " + statement.line() + ": " + statement.unsupported(), location,
							statement.line(), null, null);
				}
				if (needsNoTransaction == null && statement.transaction() != TransactionUse.ANY) {
					needsNoTransaction = statement;
				}
				if (kept != null) {
					keptChars += statement.sql().length();
					kept = (keptChars <= MAX_KEPT_CHARS_PER_SCRIPT) ? kept : null;
					if (kept != null) {
						kept.add(statement);
					}
				}
			}
			return new PreparedScript(script, type, directives, transactional(directives, needsNoTransaction, location),
					count, kept, (kept != null) ? text : null);
		}
		catch (SqlSyntaxException ex) {
			throw new MigrationException(Reason.INVALID_SCRIPTS,
					location + " line " + ex.line() + ": " + ex.getMessage(), location, ex.line(), null, ex);
		}
		catch (ScriptText.NotUtf8 ex) {
			throw ex.failure();
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof ScriptText.NotUtf8 notUtf8) {
				throw notUtf8.failure();
			}
			throw unreadable(location, ex.getCause());
		}
		catch (IOException ex) {
			throw unreadable(location, ex);
		}
	}

	private static boolean transactional(Directives directives, @Nullable ClassifiedStatement needsNoTransaction,
			String location) {
		if (Boolean.FALSE.equals(directives.transaction())) {
			return false;
		}
		if (Boolean.TRUE.equals(directives.transaction()) && needsNoTransaction != null) {
			String cannot = (needsNoTransaction.transaction() == TransactionUse.COMMITS_IMPLICITLY)
					? "the database commits this statement implicitly (MySQL and MariaDB do for DDL), so the script"
							+ " cannot be one transaction"
					: "this statement cannot run inside a transaction";
			throw new MigrationException(Reason.INVALID_SCRIPTS, location + " line " + needsNoTransaction.line() + ": "
					+ cannot + ", but the script says"
					+ " -- migrator:transaction=true. Remove the directive, or move the statement to a script of its own",
					location, needsNoTransaction.line(), null, null);
		}
		return needsNoTransaction == null;
	}

	/**
	 * A prepared script's statements, from memory or read and classified again; close it
	 * when done, so a large script's file is closed even when a statement fails.
	 * @param prepared the script
	 * @return its statements, in order
	 * @throws MigrationException with reason {@code INVALID_SCRIPTS} when the file cannot
	 * be read again or changed since it was prepared
	 */
	public Statements statements(PreparedScript prepared) {
		if (prepared.statements() != null) {
			Iterator<ClassifiedStatement> kept = prepared.statements().iterator();
			return new Statements() {

				@Override
				public boolean hasNext() {
					return kept.hasNext();
				}

				@Override
				public ClassifiedStatement next() {
					return kept.next();
				}

				@Override
				public void close() {
				}

			};
		}
		String location = prepared.script().resource().location();
		try {
			BufferedReader reader = new BufferedReader(ScriptText.open(prepared.script().resource()));
			Directives.read(reader, location);
			Reader text = this.placeholders.appliesTo(prepared.directives())
					? this.placeholders.reader(reader, prepared.script().fileName(), location) : reader;
			return new StreamedStatements(this.classifier.split(text), text, location, this.classifier);
		}
		catch (IOException ex) {
			throw unreadable(location, ex);
		}
	}

	/**
	 * A script's statements, in order, holding its file open while it is streamed.
	 */
	public interface Statements extends Iterator<ClassifiedStatement>, AutoCloseable {

		@Override
		void close();

	}

	private static MigrationException unreadable(String location, IOException ex) {
		return new MigrationException(Reason.INVALID_SCRIPTS, "Cannot read " + location + ": " + ex.getMessage(),
				location, 0, null, ex);
	}

	/**
	 * Streams a large script's statements, classified, and closes its reader at the end.
	 */
	private record StreamedStatements(Iterator<SqlStatement> delegate, Reader reader, String location,
			StatementClassifier classifier) implements Statements {

		@Override
		public boolean hasNext() {
			return this.delegate.hasNext();
		}

		@Override
		public void close() {
			try {
				this.reader.close();
			}
			catch (IOException ex) {
				// Only read from: nothing is lost.
			}
		}

		@Override
		public ClassifiedStatement next() {
			try {
				return this.classifier.classify(this.delegate.next());
			}
			catch (SqlSyntaxException ex) {
				throw changedWhileRunning(ex.line(), ex.getMessage(), ex);
			}
			catch (UncheckedIOException ex) {
				throw changedWhileRunning(0, ex.getMessage(), ex);
			}
		}

		private MigrationException changedWhileRunning(int line, String problem, Exception cause) {
			return new MigrationException(Reason.INVALID_SCRIPTS,
					this.location + ((line > 0) ? " line " + line : "") + ": " + problem
							+ ". It was read without this problem before the run started, so the file changed"
							+ " while it ran. Keep scripts unchanged while migrating, then start again",
					this.location, line, null, cause);
		}

	}

}
