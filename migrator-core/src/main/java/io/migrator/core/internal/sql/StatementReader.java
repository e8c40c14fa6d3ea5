package io.migrator.core.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.migrator.core.internal.sql.StatementTokens.Type;
import org.jspecify.annotations.Nullable;

/**
 * One classification in progress: the statement's only token cursor, and the facts found
 * so far. The dialect's classifier and the shared readers ({@link CommonSyntax},
 * {@link TransactionControl}) all move this one cursor forward, each taking over where
 * the last stopped, so a statement is tokenised once however many facts are asked of it.
 */
final class StatementReader {

	/** How a dialect folds an unquoted identifier. */
	enum Folding {

		/** PostgreSQL: {@code Orders} is {@code orders}. */
		LOWER,

		/**
		 * H2 (with its default {@code DATABASE_TO_UPPER=TRUE}): {@code Orders} is
		 * {@code ORDERS}.
		 */
		UPPER

	}

	final StatementTokens tokens;

	private final Folding folding;

	private final Set<String> reserved;

	String command = "";

	@Nullable String relation;

	@Nullable LockMode lock;

	TransactionUse transaction = TransactionUse.ANY;

	boolean batchable;

	@Nullable String unsupported;

	/**
	 * Starts reading a statement.
	 * @param sql the statement text
	 * @param folding how the dialect folds unquoted names
	 * @param reserved the dialect's reserved words, in upper case: an unquoted one cannot
	 * start a name, so a statement missing its name ({@code INSERT RETURNING}) does not
	 * take the next keyword for one
	 */
	StatementReader(String sql, Folding folding, Set<String> reserved) {
		this.tokens = new StatementTokens(sql);
		this.folding = folding;
		this.reserved = reserved;
	}

	/**
	 * Reads a name, qualified or not, from the current token on, and leaves the cursor on
	 * the token after it.
	 * @return the parts joined by '.'; {@code null}, without moving, if the current token
	 * cannot start a name
	 */
	@Nullable String name() {
		List<String> parts = nameParts();
		return parts.isEmpty() ? null : String.join(".", parts);
	}

	/**
	 * Reads a name like {@link #name()}.
	 * @return its parts, each resolved; empty if the current token cannot start a name
	 */
	List<String> nameParts() {
		List<String> parts = new ArrayList<>(2);
		if (this.reserved.contains(this.tokens.word())) {
			return parts; // after a '.', though, any word is a name
		}
		String part = namePart();
		while (part != null) {
			parts.add(part);
			if (this.tokens.next() != Type.SYMBOL || !this.tokens.isSymbol('.')) {
				break;
			}
			this.tokens.next();
			part = namePart(); // null after "t." stops the name; "t.*" is no relation
		}
		return parts;
	}

	/** Skips {@code IF EXISTS} before a name, leaving a table named {@code if} alone. */
	void skipIfExists() {
		if (this.tokens.isWord("IF") && this.tokens.nextIsWord("EXISTS")) {
			this.tokens.next();
			this.tokens.next();
		}
	}

	/** Skips {@code IF NOT EXISTS} before a name. */
	void skipIfNotExists() {
		if (this.tokens.isWord("IF") && this.tokens.nextIsWord("NOT")) {
			this.tokens.next();
			this.tokens.next();
			this.tokens.accept("EXISTS");
		}
	}

	ClassifiedStatement toStatement(SqlStatement statement) {
		return new ClassifiedStatement(statement.sql(), statement.line(), this.command, this.relation, this.lock,
				this.transaction, this.batchable, this.unsupported);
	}

	/**
	 * One part of a name: an unquoted word folded as the dialect folds it, or a quoted
	 * identifier verbatim with {@code ""} unescaped.
	 */
	private @Nullable String namePart() {
		if (this.tokens.type() == Type.WORD) {
			String word = this.tokens.text();
			return (this.folding == Folding.LOWER) ? SqlChars.asciiLowerCase(word) : SqlChars.asciiUpperCase(word);
		}
		if (!this.tokens.isQuotedIdentifier()) {
			return null;
		}
		String quoted = this.tokens.text();
		int close = (quoted.length() > 1 && quoted.endsWith("\"")) ? quoted.length() - 1 : quoted.length();
		return quoted.substring(1, close).replace("\"\"", "\"");
	}

}
