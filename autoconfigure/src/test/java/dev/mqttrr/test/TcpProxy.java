package dev.mqttrr.test;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of a broker, with faults a test switches on and
 * off at any time: a delay on bytes from the broker to the client, connections that are accepted
 * but never answered, a frozen (half-open) link and an abrupt cut. Each forwarded connection has
 * one daemon thread per direction; {@link #close()} leaves no connection and no thread behind.
 */
public final class TcpProxy implements AutoCloseable {

	private final int targetPort;

	private final Set<Link> links = ConcurrentHashMap.newKeySet();

	private final Set<Socket> swallowed = ConcurrentHashMap.newKeySet();

	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	private final AtomicInteger accepted = new AtomicInteger();

	/** Guards {@link #frozen}; pumps wait on it while frozen or draining delayed bytes. */
	private final Object gate = new Object();

	private boolean frozen;

	private volatile long serverToClientDelayNanos;

	private volatile boolean swallowNewConnections;

	private ServerSocket server;

	private Thread acceptor;

	public TcpProxy(int targetPort) {
		this.targetPort = targetPort;
	}

	/** Listen on a free loopback port and start forwarding to the target port. */
	public TcpProxy start() {
		try {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.acceptor = newThread("accept", this::acceptLoop);
		this.acceptor.start();
		return this;
	}

	/** The loopback port clients connect to. */
	public int getPort() {
		return this.server.getLocalPort();
	}

	/** Hold bytes from the broker to the client for this long before writing them; zero is off. */
	public void delayServerToClient(Duration delay) {
		this.serverToClientDelayNanos = delay.toNanos();
	}

	/**
	 * Accept new connections but neither connect them onward nor answer them. Connections
	 * swallowed meanwhile stay dead when this is turned off again.
	 */
	public void swallowNewConnections(boolean swallow) {
		this.swallowNewConnections = swallow;
	}

	/**
	 * Stop (or resume) forwarding both ways on every connection without closing it: the proxy
	 * stops reading the sockets, holding at most a chunk each pump had read. Bytes a pump is
	 * writing while this is called still arrive.
	 */
	public void freeze(boolean freeze) {
		synchronized (this.gate) {
			this.frozen = freeze;
			this.gate.notifyAll();
		}
	}

	/** Close every current connection abruptly (RST), swallowed ones included; keep listening. */
	public void cutAll() {
		this.links.forEach((link) -> disconnect(link, true));
		this.swallowed.forEach((socket) -> close(socket, true));
		this.swallowed.clear();
	}

	/** The number of forwarded connections open now; swallowed connections are not counted. */
	public int connectionCount() {
		return this.links.size();
	}

	/** The number of TCP connections accepted since start, swallowed ones included. */
	public int acceptedCount() {
		return this.accepted.get();
	}

	/** Stop listening, close every connection and wait for every thread of this proxy to end. */
	@Override
	public void close() {
		close(this.server, false);
		join(this.acceptor);
		cutAll();
		this.threads.forEach(TcpProxy::join);
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			Socket client;
			try {
				client = this.server.accept();
			}
			catch (IOException ex) {
				return;
			}
			int id = this.accepted.incrementAndGet();
			if (this.swallowNewConnections) {
				this.swallowed.add(client);
				continue;
			}
			Socket broker = new Socket();
			try {
				client.setTcpNoDelay(true);
				broker.setTcpNoDelay(true);
				broker.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.targetPort),
						2000);
			}
			catch (IOException ex) {
				close(client, true);
				close(broker, false);
				continue;
			}
			Link link = new Link(client, broker);
			this.links.add(link);
			newThread("c2s-" + id, () -> pump(link, client, broker, false)).start();
			newThread("s2c-" + id, () -> pump(link, broker, client, true)).start();
		}
	}

	/**
	 * Copy bytes one way. Each chunk read is queued with the time it is due (its arrival plus the
	 * delay, never before an earlier chunk); the socket read times out when the head is due, so a
	 * single thread both keeps reading and writes on time. On end of stream the queue is drained
	 * and the link closed.
	 */
	private void pump(Link link, Socket from, Socket to, boolean delayed) {
		ArrayDeque<Chunk> pending = new ArrayDeque<>();
		byte[] buffer = new byte[8192];
		long lastDue = Long.MIN_VALUE;
		boolean endOfStream = false;
		try {
			InputStream in = from.getInputStream();
			OutputStream out = to.getOutputStream();
			while ((!endOfStream || !pending.isEmpty()) && awaitThawed(link)) {
				Chunk head = pending.peek();
				long wait = (head != null) ? head.due - System.nanoTime() : 0;
				if (head != null && wait <= 0) {
					out.write(head.bytes);
					pending.poll();
				}
				else if (endOfStream) {
					synchronized (this.gate) {
						TimeUnit.NANOSECONDS.timedWait(this.gate, wait);
					}
				}
				else {
					from.setSoTimeout((head != null) ? (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)) : 0);
					int read;
					try {
						read = in.read(buffer);
					}
					catch (SocketTimeoutException ex) {
						continue;
					}
					if (read < 0) {
						endOfStream = true;
						continue;
					}
					long delay = delayed ? this.serverToClientDelayNanos : 0;
					lastDue = Math.max(System.nanoTime() + delay, lastDue);
					pending.add(new Chunk(Arrays.copyOf(buffer, read), lastDue));
				}
			}
		}
		catch (IOException | InterruptedException ex) {
			endOfStream = false;
		}
		finally {
			disconnect(link, !endOfStream);
		}
	}

	/** Wait while frozen; return whether the link is still open. */
	private boolean awaitThawed(Link link) throws InterruptedException {
		synchronized (this.gate) {
			while (this.frozen && this.links.contains(link)) {
				this.gate.wait();
			}
		}
		return this.links.contains(link);
	}

	/** Close both sockets of the link, once, and wake its pumps if they wait. */
	private void disconnect(Link link, boolean abrupt) {
		if (this.links.remove(link)) {
			close(link.client(), abrupt);
			close(link.broker(), abrupt);
			synchronized (this.gate) {
				this.gate.notifyAll();
			}
		}
	}

	private Thread newThread(String role, Runnable task) {
		Thread thread = new Thread(task, "tcp-proxy-" + this.server.getLocalPort() + "-" + role);
		thread.setDaemon(true);
		this.threads.add(thread);
		return thread;
	}

	private static void join(Thread thread) {
		try {
			thread.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (thread.isAlive()) {
			throw new IllegalStateException(thread.getName() + " did not end");
		}
	}

	/** Close quietly; abruptly means a socket lingers zero seconds, so the peer gets a RST. */
	private static void close(Closeable closeable, boolean abrupt) {
		try {
			if (abrupt && closeable instanceof Socket socket) {
				socket.setSoLinger(true, 0);
			}
			closeable.close();
		}
		catch (IOException ex) {
			// Already closed
		}
	}

	private record Chunk(byte[] bytes, long due) {
	}

	/** A forwarded connection, open while it is in {@link #links}. */
	private record Link(Socket client, Socket broker) {
	}

}
