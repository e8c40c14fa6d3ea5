package io.migrator.core.internal.sql;

import static io.migrator.core.internal.sql.LockMode.ACCESS_SHARE;
import static io.migrator.core.internal.sql.LockMode.ROW_EXCLUSIVE;

import io.migrator.core.internal.sql.StatementTokens.Type;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's {@code COPY}: which way it copies, and whether it needs psql's client-side
 * data stream, which a JDBC migration has no way to feed or read.
 */
final class PostgresCopy {

	static final String FROM_STDIN = "COPY ... FROM STDIN needs psql's client-side data"
			+ " stream, which a JDBC migration cannot provide: use INSERT statements or COPY FROM a file"
			+ " on the database server";

	static final String TO_STDOUT = "COPY ... TO STDOUT sends its rows to psql's client-side"
			+ " data stream, which a JDBC migration cannot receive: use COPY TO a file on the database"
			+ " server, or remove the statement from the migration";

	private PostgresCopy() {
	}

	/**
	 * Reads {@code COPY relation [(columns)] {FROM | TO} ...} or
	 * {@code COPY (query) TO ...} to its end, once: the first FROM or TO outside
	 * parentheses is the direction ({@code ROW EXCLUSIVE} to fill the table,
	 * {@code ACCESS SHARE} to read it), and {@code FROM STDIN} or {@code TO STDOUT}
	 * outside parentheses makes it unsupported, FROM STDIN first.
	 * @param reader the statement, with the cursor after COPY
	 */
	static void read(StatementReader reader) {
		StatementTokens tokens = reader.tokens;
		reader.command = "COPY";
		reader.relation = reader.name();
		@Nullable LockMode direction = null;
		boolean afterFrom = false;
		boolean afterTo = false;
		boolean fromStdin = false;
		boolean toStdout = false;
		for (; tokens.type() != Type.END; tokens.next()) {
			boolean outside = tokens.depth() == 0;
			fromStdin = fromStdin || (afterFrom && outside && tokens.isWord("STDIN"));
			toStdout = toStdout || (afterTo && outside && tokens.isWord("STDOUT"));
			afterFrom = outside && tokens.isWord("FROM");
			afterTo = outside && tokens.isWord("TO");
			if (direction == null && (afterFrom || afterTo)) {
				direction = afterFrom ? ROW_EXCLUSIVE : ACCESS_SHARE;
			}
		}
		reader.lock = direction;
		reader.unsupported = fromStdin ? FROM_STDIN : (toStdout ? TO_STDOUT : null);
	}

}
