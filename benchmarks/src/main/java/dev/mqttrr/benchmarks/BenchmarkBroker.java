package dev.mqttrr.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.mqttrr.autoconfigure.embedded.EmbeddedHiveMqBroker;

/**
 * A broker the harness starts itself on a free loopback port.
 */
interface BenchmarkBroker extends AutoCloseable {

	String name();

	String url();

	@Override
	void close();

	static BenchmarkBroker start(String name) throws IOException {
		return switch (name) {
			case "mosquitto" -> Mosquitto.start();
			case "hivemq" -> HiveMq.start();
			default -> throw new IllegalArgumentException("Unknown broker '" + name + "': use mosquitto or hivemq");
		};
	}

	static boolean mosquittoInstalled() {
		return Mosquitto.binary() != null;
	}

	/**
	 * Mosquitto 2.x with {@code set_tcp_nodelay true}.
	 */
	final class Mosquitto implements BenchmarkBroker {

		private final Process process;

		private final int port;

		private Mosquitto(Process process, int port) {
			this.process = process;
			this.port = port;
		}

		static String binary() {
			for (String candidate : new String[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto" }) {
				if (new File(candidate).canExecute()) {
					return candidate;
				}
			}
			return null;
		}

		static Mosquitto start() throws IOException {
			String binary = binary();
			if (binary == null) {
				throw new IllegalStateException("Mosquitto is not installed: apt-get install -y mosquitto");
			}
			int port;
			try (ServerSocket socket = new ServerSocket(0)) {
				port = socket.getLocalPort();
			}
			Path folder = Files.createTempDirectory("mqtt-rr-bench-mosquitto-");
			Path config = folder.resolve("mosquitto.conf");
			Files.writeString(config, """
					listener %d 127.0.0.1
					allow_anonymous true
					set_tcp_nodelay true
					persistence false
					max_queued_messages 1000000
					""".formatted(port));
			Process process = new ProcessBuilder(binary, "-c", config.toString()).redirectErrorStream(true)
				.redirectOutput(folder.resolve("mosquitto.log").toFile())
				.start();
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (!accepts(port)) {
				if (System.nanoTime() > deadline || !process.isAlive()) {
					process.destroyForcibly();
					throw new IllegalStateException("Mosquitto did not start; see " + folder.resolve("mosquitto.log"));
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
			}
			return new Mosquitto(process, port);
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

		@Override
		public String name() {
			return "mosquitto";
		}

		@Override
		public String url() {
			return "tcp://127.0.0.1:" + this.port;
		}

		@Override
		public void close() {
			this.process.destroy();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/**
	 * HiveMQ CE embedded in the harness JVM.
	 */
	final class HiveMq implements BenchmarkBroker {

		private final EmbeddedHiveMqBroker broker;

		private HiveMq(EmbeddedHiveMqBroker broker) {
			this.broker = broker;
		}

		static HiveMq start() {
			EmbeddedHiveMqBroker broker = new EmbeddedHiveMqBroker("127.0.0.1", 0);
			broker.start();
			return new HiveMq(broker);
		}

		@Override
		public String name() {
			return "hivemq";
		}

		@Override
		public String url() {
			return this.broker.getUrl();
		}

		@Override
		public void close() {
			this.broker.stop();
		}

	}

}
