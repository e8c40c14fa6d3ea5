package io.migrator.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A database that "comes up" later: a port reserved now, on which a proxy to the real
 * server starts listening only when asked. Until then, connecting to it is refused, as
 * connecting to a database that is still starting would be.
 */
final class TcpProxy implements AutoCloseable {

	private final int port;

	private final String targetHost;

	private final int targetPort;

	private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "tcp-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private TcpProxy(int port, String targetHost, int targetPort) {
		this.port = port;
		this.targetHost = targetHost;
		this.targetPort = targetPort;
	}

	/**
	 * Reserve a free port for a proxy to the target, without listening on it yet.
	 * @param targetHost the real server's host
	 * @param targetPort the real server's port
	 * @return the proxy, closed to connections
	 */
	static TcpProxy reserve(String targetHost, int targetPort) {
		try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new TcpProxy(probe.getLocalPort(), targetHost, targetPort);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.port;
	}

	/**
	 * Start accepting connections after a delay, in the background.
	 * @param delay how long the port stays closed
	 */
	void openAfter(Duration delay) {
		this.threads.execute(() -> {
			PostgresProbe.sleep(delay.toMillis());
			try {
				ServerSocket server = new ServerSocket();
				server.setReuseAddress(true);
				server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
				this.open.add(server);
				while (!server.isClosed()) {
					forward(server.accept());
				}
			}
			catch (IOException ex) {
				// Closed.
			}
		});
	}

	private void forward(Socket client) throws IOException {
		Socket upstream = new Socket(this.targetHost, this.targetPort);
		this.open.add(client);
		this.open.add(upstream);
		this.threads.execute(() -> pump(client, upstream));
		this.threads.execute(() -> pump(upstream, client));
	}

	private static void pump(Socket from, Socket to) {
		byte[] buffer = new byte[16 * 1024];
		try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
			int read;
			while ((read = in.read(buffer)) != -1) {
				out.write(buffer, 0, read);
				out.flush();
			}
		}
		catch (IOException ex) {
			// One side hung up.
		}
		finally {
			closeQuietly(from);
			closeQuietly(to);
		}
	}

	@Override
	public void close() {
		this.open.forEach(TcpProxy::closeQuietly);
		this.threads.shutdownNow();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// Already closed.
		}
	}

}
