package dev.mqttrr.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Mosquitto 2.x process on a free loopback port, with TCP_NODELAY on. Skips the calling
 * test when the binary is missing, except under CI, where that fails the build.
 */
public final class MosquittoBroker {

	private static final String[] CANDIDATES = { "/usr/sbin/mosquitto", "/usr/bin/mosquitto",
			"/usr/local/sbin/mosquitto" };

	private final int port;

	private Process process;

	private Path folder;

	private String extraConfig = "";

	/** Ports of further listeners, which {@link #start()} also waits for. */
	private final List<Integer> otherPorts = new ArrayList<>();

	public MosquittoBroker() {
		this.port = freePort();
	}

	/** Add lines to the configuration the broker starts with. */
	public MosquittoBroker withConfig(String lines) {
		this.extraConfig = this.extraConfig + lines + "\n";
		return this;
	}

	/**
	 * Add a WebSocket listener on a port of its own, beside the TCP listener (Mosquitto 2.0.11
	 * exits when a WebSocket listener is its only one), with the given lines for it: TLS settings
	 * make it a {@code wss://} listener.
	 * @return the listener's port
	 */
	public int addWebSocketListener(String lines) {
		int webSocketPort = freePort();
		this.otherPorts.add(webSocketPort);
		withConfig("listener " + webSocketPort + " 127.0.0.1\nprotocol websockets\n" + lines);
		return webSocketPort;
	}

	/** Return the binary, or skip (fail under CI) when Mosquitto is not installed. */
	public static String binary() {
		for (String candidate : CANDIDATES) {
			if (new File(candidate).canExecute()) {
				return candidate;
			}
		}
		String message = "Mosquitto is not installed (apt-get install -y mosquitto)";
		if (System.getenv("CI") != null) {
			Assertions.fail(message + "; under CI the broker tests must run");
		}
		Assumptions.abort(message);
		return null;
	}

	public MosquittoBroker start() {
		String binary = binary();
		try {
			if (this.folder == null) {
				this.folder = Files.createTempDirectory("mqtt-rr-mosquitto-");
			}
			Path config = this.folder.resolve("mosquitto.conf");
			Files.writeString(config, """
					listener %d 127.0.0.1
					allow_anonymous true
					set_tcp_nodelay true
					persistence false
					max_queued_messages 100000
					max_packet_size 1048576
					""".formatted(this.port) + this.extraConfig);
			this.process = new ProcessBuilder(binary, "-c", config.toString())
				.redirectErrorStream(true)
				.redirectOutput(this.folder.resolve("mosquitto.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Awaitility.await("Mosquitto listening on " + this.port)
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(this::accepts);
		return this;
	}

	public void stop() {
		if (this.process != null) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/** Kill the broker process (SIGKILL): no DISCONNECT, sockets reset. {@link #start()} brings it back on the same port. */
	public void kill() {
		if (this.process != null) {
			try {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	/** Freeze the broker process (SIGSTOP): connections stay open, nothing is answered. */
	public void pause() {
		signal("-STOP");
	}

	/** Let a paused broker run again (SIGCONT). */
	public void resume() {
		signal("-CONT");
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", signal, String.valueOf(this.process.pid())).start();
			Assertions.assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0,
					"kill " + signal + " failed");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return "tcp://127.0.0.1:" + this.port;
	}

	public int port() {
		return this.port;
	}

	private boolean accepts() {
		return accepts(this.port) && this.otherPorts.stream().allMatch(MosquittoBroker::accepts);
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
