package io.migrator.sample;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A query's rows as text, each its columns joined by a space: what the probes compare.
 */
final class QueryRows {

	private QueryRows() {
	}

	/**
	 * Run a query on a connection of its own and close it.
	 * @param connection the connection
	 * @param sql the query
	 * @return the rows
	 */
	static List<String> of(Connection connection, String sql) {
		try (connection;
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			List<String> rows = new ArrayList<>();
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns; i++) {
					row.append((i > 1) ? " " : "").append(result.getString(i));
				}
				rows.add(row.toString());
			}
			return rows;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(sql + ": " + ex.getMessage(), ex);
		}
	}

}
