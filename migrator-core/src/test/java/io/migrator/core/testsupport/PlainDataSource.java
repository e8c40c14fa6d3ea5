package io.migrator.core.testsupport;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A {@link DataSource} that only hands out connections: no log writer, no login timeout,
 * nothing to unwrap. Implementations say how they get a connection.
 */
public interface PlainDataSource extends DataSource {

	@Override
	default PrintWriter getLogWriter() {
		return null;
	}

	@Override
	default void setLogWriter(PrintWriter out) {
	}

	@Override
	default void setLoginTimeout(int seconds) {
	}

	@Override
	default int getLoginTimeout() {
		return 0;
	}

	@Override
	default Logger getParentLogger() throws SQLFeatureNotSupportedException {
		throw new SQLFeatureNotSupportedException();
	}

	@Override
	default <T> T unwrap(Class<T> iface) throws SQLException {
		throw new SQLException("Not a wrapper");
	}

	@Override
	default boolean isWrapperFor(Class<?> iface) {
		return false;
	}

}
