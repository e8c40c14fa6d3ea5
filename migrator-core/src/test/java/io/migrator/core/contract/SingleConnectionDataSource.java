package io.migrator.core.contract;

import java.lang.reflect.Proxy;
import java.sql.Connection;

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

	private record Single(Connection connection) implements javax.sql.DataSource {

		@Override
		public Connection getConnection() {
			return this.connection;
		}

		@Override
		public Connection getConnection(String username, String password) {
			return this.connection;
		}

		@Override
		public java.io.PrintWriter getLogWriter() {
			return null;
		}

		@Override
		public void setLogWriter(java.io.PrintWriter out) {
		}

		@Override
		public void setLoginTimeout(int seconds) {
		}

		@Override
		public int getLoginTimeout() {
			return 0;
		}

		@Override
		public java.util.logging.Logger getParentLogger() {
			return java.util.logging.Logger.getGlobal();
		}

		@Override
		public <T> T unwrap(Class<T> iface) throws java.sql.SQLException {
			throw new java.sql.SQLException("Not a wrapper");
		}

		@Override
		public boolean isWrapperFor(Class<?> iface) {
			return false;
		}

	}

}
