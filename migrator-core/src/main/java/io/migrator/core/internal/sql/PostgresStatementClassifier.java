package io.migrator.core.internal.sql;

/** TEMPORARY bridge until the one-pass classifier lands. */
public final class PostgresStatementClassifier implements StatementClassifier {

	@Override
	public ClassifiedStatement classify(SqlStatement statement) {
		StatementKind kind = StatementKind.of(statement.sql());
		TransactionUse use = switch (kind) {
			case ORDINARY -> TransactionUse.ANY;
			case NON_TRANSACTIONAL -> TransactionUse.OUTSIDE;
			case TRANSACTION_CONTROL -> {
				String word = statement.sql().strip().split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
				yield (word.equals("BEGIN") || word.equals("START")) ? TransactionUse.BEGINS : TransactionUse.ENDS;
			}
		};
		return new ClassifiedStatement(statement.sql(), statement.line(), "", null, null, use,
				Batchable.isBatchable(statement.sql()), StatementKind.unsupportedReason(statement.sql()));
	}

}
