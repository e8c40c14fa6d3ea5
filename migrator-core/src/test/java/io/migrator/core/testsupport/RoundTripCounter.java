package io.migrator.core.testsupport;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

/**
 * A TCP proxy in front of a test PostgreSQL that counts round trips: the Sync messages
 * after which pgjdbc, in its default extended-protocol mode, waits for the server. (The
 * BEGIN it sends as a simple Query travels ahead of the next statements without a wait,
 * so Query messages do not count.) It reads the protocol rather than timing the traffic,
 * so the count does not depend on the machine's load. TLS is turned off on the proxied
 * connections so that the messages can be read.
 */
public final class RoundTripCounter implements AutoCloseable {

	private static final int SSL_REQUEST = 80877103;

	private static final int GSS_ENCRYPTION_REQUEST = 80877104;

	private final PostgresTestDatabase database;

	private final URI target;

	private final ServerSocket listener;

	private final AtomicInteger roundTrips = new AtomicInteger();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	private RoundTripCounter(PostgresTestDatabase database) throws IOException {
		this.database = database;
		this.target = URI.create(database.url().substring("jdbc:".length()));
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "round-trip-counter");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	/**
	 * Start a proxy in front of a test database.
	 * @param database the database
	 * @return the running proxy
	 * @throws IOException if it cannot listen
	 */
	public static RoundTripCounter in(PostgresTestDatabase database) throws IOException {
		return new RoundTripCounter(database);
	}

	/**
	 * Connections to the database through the proxy.
	 * @return the data source
	 */
	public DataSource dataSource() {
		String url = "jdbc:postgresql://127.0.0.1:" + this.listener.getLocalPort() + this.target.getPath()
				+ "?sslmode=disable&gssEncMode=disable";
		return new TestDatabase.DriverManagerDataSource(url, this.database.username(), this.database.password());
	}

	/**
	 * Round trips so far, on every connection through the proxy.
	 * @return the count
	 */
	public int roundTrips() {
		return this.roundTrips.get();
	}

	private void accept() {
		while (!this.listener.isClosed()) {
			try {
				Socket client = this.listener.accept();
				Socket server = new Socket(this.target.getHost(),
						(this.target.getPort() > 0) ? this.target.getPort() : 5432);
				client.setTcpNoDelay(true);
				server.setTcpNoDelay(true);
				this.sockets.add(client);
				this.sockets.add(server);
				pump(() -> countAndForward(client.getInputStream(), server.getOutputStream()), client, server);
				pump(() -> server.getInputStream().transferTo(client.getOutputStream()), client, server);
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private static void pump(IoTask task, Socket client, Socket server) {
		Thread thread = new Thread(() -> {
			try {
				task.run();
			}
			catch (IOException ex) {
				// One side closed.
			}
			finally {
				closeQuietly(client);
				closeQuietly(server);
			}
		}, "round-trip-counter-pump");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * Forwards the client's messages one at a time, counting those that end a round trip.
	 */
	private void countAndForward(InputStream from, OutputStream to) throws IOException {
		DataInputStream in = new DataInputStream(from);
		boolean started = false;
		try {
			while (true) {
				byte type = started ? in.readByte() : 0;
				int length = in.readInt();
				byte[] body = in.readNBytes(length - 4);
				ByteBuffer message = ByteBuffer.allocate(length + (started ? 1 : 0));
				if (started) {
					message.put(type);
					if (type == 'S') {
						this.roundTrips.incrementAndGet();
					}
				}
				else {
					int code = ByteBuffer.wrap(body).getInt();
					started = code != SSL_REQUEST && code != GSS_ENCRYPTION_REQUEST;
				}
				to.write(message.putInt(length).put(body).array());
				to.flush();
			}
		}
		catch (EOFException ex) {
			// The client disconnected.
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Already closed.
		}
	}

	@Override
	public void close() throws IOException {
		this.listener.close();
		this.sockets.forEach(RoundTripCounter::closeQuietly);
	}

	private interface IoTask {

		void run() throws IOException;

	}

}
