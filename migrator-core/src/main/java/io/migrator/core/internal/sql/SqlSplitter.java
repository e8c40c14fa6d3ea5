package io.migrator.core.internal.sql;

import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * Splits SQL scripts into statements with PostgreSQL's lexical rules, which H2 shares,
 * or, through {@code streamMysql}, with the {@code mysql} client's.
 *
 * <p>
 * A {@code ;} ends a statement unless it is inside a string ({@code '...'},
 * {@code E'...'}, {@code U&'...'}), a quoted identifier, a dollar-quoted body
 * ({@code $$...$$}, {@code $tag$...$tag$}), a {@code --} comment, a (nesting) block
 * comment, parentheses, or the {@code BEGIN ATOMIC ... END} body of a
 * {@code CREATE FUNCTION} or {@code CREATE PROCEDURE}. Empty statements are dropped, and
 * a last statement needs no {@code ;}. psql meta-commands such as {@code \i} are
 * rejected, since the statements go to the server over JDBC.
 */
public final class SqlSplitter {

	private SqlSplitter() {
	}

	/**
	 * Splits a whole script.
	 * @param script the script text
	 * @return its statements in order; empty for an empty or comment-only script
	 * @throws SqlSyntaxException if the script cannot be split, for example an
	 * unterminated string
	 */
	public static List<SqlStatement> split(String script) {
		List<SqlStatement> statements = new ArrayList<>();
		stream(script).forEachRemaining(statements::add);
		return statements;
	}

	/**
	 * Streams the statements of a script held in memory, as {@link #stream(Reader)} does.
	 * @param script the script text
	 * @return the statements, read lazily
	 */
	public static Iterator<SqlStatement> stream(String script) {
		return new StatementIterator(new ScriptLexer(script)::next);
	}

	/**
	 * Streams the statements of a script, reading it incrementally so that only the
	 * current statement is held in memory. The reader is not closed.
	 *
	 * <p>
	 * The iterator's {@code next()} throws {@link SqlSyntaxException} when the script
	 * cannot be split (after returning the statements before the problem) and
	 * {@link UncheckedIOException} when the reader fails; {@code hasNext()} then answers
	 * {@code true} so that the problem is not silently taken for the end of the script.
	 * @param reader the script
	 * @return the statements, read lazily
	 */
	public static Iterator<SqlStatement> stream(Reader reader) {
		return new StatementIterator(new ScriptLexer(reader)::next);
	}

	/**
	 * Streams the statements of a MySQL or MariaDB script held in memory, split as the
	 * {@code mysql} client splits them ({@link MysqlScriptLexer}).
	 * @param script the script text
	 * @return the statements, read lazily
	 */
	public static Iterator<SqlStatement> streamMysql(String script) {
		return new StatementIterator(new MysqlScriptLexer(script)::next);
	}

	/**
	 * Streams the statements of a MySQL or MariaDB script incrementally, as
	 * {@link #stream(Reader)} does with PostgreSQL's rules.
	 * @param reader the script
	 * @return the statements, read lazily
	 */
	public static Iterator<SqlStatement> streamMysql(Reader reader) {
		return new StatementIterator(new MysqlScriptLexer(reader)::next);
	}

	/** One dialect's pass over a script: the next statement, {@code null} at the end. */
	private interface Lexer {

		@Nullable SqlStatement next();

	}

	private static final class StatementIterator implements Iterator<SqlStatement> {

		private final Lexer lexer;

		private @Nullable SqlStatement next;

		private @Nullable RuntimeException failure;

		private boolean done;

		StatementIterator(Lexer lexer) {
			this.lexer = lexer;
		}

		@Override
		public boolean hasNext() {
			if (next != null || failure != null) {
				return true;
			}
			if (done) {
				return false;
			}
			try {
				next = lexer.next();
			}
			catch (SqlSyntaxException | UncheckedIOException e) {
				failure = e;
				return true;
			}
			done = next == null;
			return !done;
		}

		@Override
		public SqlStatement next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			RuntimeException problem = failure;
			if (problem != null) {
				failure = null;
				done = true; // the lexer's state is unusable after a failure
				throw problem;
			}
			SqlStatement statement = next;
			next = null;
			return statement;
		}

	}

}
