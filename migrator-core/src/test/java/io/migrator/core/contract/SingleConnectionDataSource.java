package io.migrator.core.contract;

import java.lang.reflect.Proxy;
import java.sql.Connection;

import io.migrator.core.testsupport.PlainDataSource;

/**
 * Hands out one connection whose close() does nothing, like a pool lending the same
 * connection again: shows what a migration leaves behind on a borrowed connection.
 */
final class SingleConnectionDataSource {

	private SingleConnectionDataSource() {
	}

	static javax.sql.DataSource of(Connection connection) {
		Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
				new Class<?>[] { Connection.class }, (proxy, method, args) -> {
					if (method.getName().equals("close")) {
						return null;
					}
					try {
						return method.invoke(connection, args);
					}
					catch (java.lang.reflect.InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		return new Single(unclosable);
	}

	private record Single(Connection connection) implements PlainDataSource {

		@Override
		public Connection getConnection() {
			return this.connection;
		}

		@Override
		public Connection getConnection(String username, String password) {
			return this.connection;
		}

	}

}
