package dev.mqttrr.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real socket peer that speaks only MQTT 3.1.1: it answers every CONNECT the way such a broker
 * answers one of protocol level 5 (MQTT 3.1.1 section 3.2.2.3), with a 3.1.1 CONNACK carrying
 * return code 1, "unacceptable protocol version", and closes the connection. Mosquitto 2.0, the
 * broker the other tests run, speaks MQTT 5 and cannot be told not to, hence this stand-in.
 */
public final class Mqtt311OnlyServer implements AutoCloseable {

	private final ServerSocket server;

	private final AtomicInteger refused = new AtomicInteger();

	private final Thread acceptor;

	public Mqtt311OnlyServer() {
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.acceptor = new Thread(this::serve, "mqtt311-only-server");
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	public String url() {
		return "tcp://127.0.0.1:" + this.server.getLocalPort();
	}

	/** Return how many CONNECTs were refused. */
	public int refusedCount() {
		return this.refused.get();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		try {
			this.acceptor.join(5000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void serve() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				readPacket(socket.getInputStream());
				// Counted before the answer, so that a client that saw it sees the count too.
				this.refused.incrementAndGet();
				OutputStream out = socket.getOutputStream();
				out.write(new byte[] { 0x20, 0x02, 0x00, 0x01 });
				out.flush();
			}
			catch (IOException ex) {
				// Closed, or a client that went away: go on while open.
			}
		}
	}

	private static void readPacket(InputStream in) throws IOException {
		in.read();
		int remaining = 0;
		int multiplier = 1;
		int digit;
		do {
			digit = in.read();
			if (digit < 0) {
				throw new IOException("Connection closed before the CONNECT");
			}
			remaining += (digit & 127) * multiplier;
			multiplier *= 128;
		}
		while ((digit & 128) != 0);
		in.readNBytes(remaining);
	}

}
