package dev.mqttrr.autoconfigure.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

import dev.mqttrr.core.MqttConnection;

/**
 * HiveMQ Community Edition running inside the JVM: in-memory persistence, an allow-all
 * authenticator (HiveMQ refuses every client without one), a temporary data folder removed on
 * stop. Starts before the {@link MqttConnection} connects and stops after it disconnects.
 */
public class EmbeddedHiveMqBroker implements SmartLifecycle {

	/** The lifecycle phase: before the connection. */
	public static final int PHASE = MqttConnection.PHASE - 100;

	private static final Log logger = LogFactory.getLog(EmbeddedHiveMqBroker.class);

	private static final long START_TIMEOUT_SECONDS = 60;

	private static final long CLOSE_TIMEOUT_SECONDS = 30;

	private final String host;

	private final int port;

	private @Nullable EmbeddedHiveMQ hivemq;

	/** Messages HiveMQ queues per client before it discards. */
	private static final int MAX_QUEUE_SIZE = 10_000;

	/** Unacknowledged QoS 1 and 2 messages in flight per client, each way. */
	private static final int RECEIVE_MAXIMUM = 100;

	private final String mqttSettings;

	private @Nullable Path folder;

	/**
	 * Create a broker that listens on the given address.
	 * @param host the address to bind, such as {@code 127.0.0.1}
	 * @param port the port, or 0 to pick a free one now
	 */
	public EmbeddedHiveMqBroker(String host, int port) {
		this(host, port, "");
	}

	/**
	 * Create a broker that listens on the given address, with settings for the {@code <mqtt>}
	 * element of HiveMQ's {@code config.xml}, for example to turn a feature off in a test.
	 * @param host the address to bind, such as {@code 127.0.0.1}
	 * @param port the port, or 0 to pick a free one now
	 * @param mqttSettings XML to put inside {@code <mqtt>}, for example
	 * {@code <subscription-identifier><enabled>false</enabled></subscription-identifier>}
	 */
	public EmbeddedHiveMqBroker(String host, int port, String mqttSettings) {
		this.host = host;
		this.port = (port != 0) ? port : freePort(host);
		this.mqttSettings = mqttSettings;
	}

	/**
	 * Return the port the broker listens on.
	 * @return the port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Return the URL clients connect to.
	 * @return {@code tcp://host:port}
	 */
	public String getUrl() {
		String address = this.host.equals("0.0.0.0") ? "127.0.0.1" : this.host;
		return "tcp://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + this.port;
	}

	/**
	 * Return the temporary folder holding the broker's configuration and data while it runs.
	 * @return the folder, or {@code null} when stopped
	 */
	public synchronized @Nullable Path getDataFolder() {
		return this.folder;
	}

	@Override
	public synchronized void start() {
		if (this.hivemq != null) {
			return;
		}
		long started = System.nanoTime();
		EmbeddedHiveMQ broker = null;
		try {
			this.folder = Files.createTempDirectory("mqtt-rr-hivemq-");
			Path config = Files.createDirectories(this.folder.resolve("conf"));
			Files.writeString(config.resolve("config.xml"), configXml());
			broker = EmbeddedHiveMQ.builder()
				.withConfigurationFolder(config)
				.withDataFolder(Files.createDirectories(this.folder.resolve("data")))
				.withExtensionsFolder(Files.createDirectories(this.folder.resolve("extensions")))
				.withEmbeddedExtension(allowAllExtension())
				.withoutLoggingBootstrap()
				.build();
			broker.start().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			this.hivemq = broker;
		}
		catch (IOException ex) {
			release(broker);
			throw new UncheckedIOException("Could not prepare the embedded HiveMQ folders", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			release(broker);
			throw new IllegalStateException("Interrupted while starting the embedded HiveMQ broker", ex);
		}
		catch (RuntimeException ex) {
			release(broker);
			throw ex;
		}
		catch (ExecutionException | TimeoutException ex) {
			release(broker);
			if (portInUse(ex)) {
				throw new EmbeddedBrokerPortInUseException(this.host, this.port, getUrl(), ex);
			}
			throw new IllegalStateException("The embedded HiveMQ broker did not start on " + getUrl() + ": "
					+ ex.getMessage() + ". Is the port in use? Set mqtt.embedded.port (0 picks a free port).", ex);
		}
		logger.info("Embedded HiveMQ broker listening on " + getUrl() + " (started in "
				+ TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms)");
	}

	@Override
	public synchronized void stop() {
		EmbeddedHiveMQ broker = this.hivemq;
		this.hivemq = null;
		if (broker != null) {
			try {
				broker.stop().get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				logger.warn("The embedded HiveMQ broker did not stop cleanly: " + ex.getMessage());
			}
		}
		release(broker);
	}

	@Override
	public synchronized boolean isRunning() {
		return this.hivemq != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Return {@code false}: a paused application context (Spring's test-context cache pauses the
	 * contexts not in use) keeps its broker, as it keeps an embedded web server, so that the port
	 * stays the same and the context comes back without a broker restart of several seconds. The
	 * client disconnects on pause and connects again on restart.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	private String configXml() {
		return """
				<?xml version="1.0"?>
				<hivemq>
				    <listeners>
				        <tcp-listener>
				            <port>%d</port>
				            <bind-address>%s</bind-address>
				        </tcp-listener>
				    </listeners>
				    <persistence>
				        <mode>in-memory</mode>
				    </persistence>
				    <anonymous-usage-statistics>
				        <enabled>false</enabled>
				    </anonymous-usage-statistics>
				    <mqtt>%s</mqtt>
				</hivemq>
				""".formatted(this.port, this.host, mqttSettings());
	}

	/**
	 * The {@code <mqtt>} settings: those given, and, unless they set them, a queue of 10,000
	 * messages and a Receive Maximum of 100 per client. Responders acknowledge a request only once
	 * it is answered, so the broker's limits bound what one holds: HiveMQ's default queue of 1,000
	 * counts the requests a responder holds together with the replies its own requests wait for,
	 * and discards what does not fit; and HiveMQ sends a client no more unacknowledged messages
	 * than its Receive Maximum, 10 by default, which would let a responder work on 10 requests at
	 * a time.
	 */
	private String mqttSettings() {
		String settings = this.mqttSettings;
		if (!settings.contains("<queued-messages>")) {
			settings += "<queued-messages><max-queue-size>" + MAX_QUEUE_SIZE + "</max-queue-size></queued-messages>";
		}
		if (!settings.contains("<receive-maximum>")) {
			settings += "<receive-maximum><server-receive-maximum>" + RECEIVE_MAXIMUM
					+ "</server-receive-maximum></receive-maximum>";
		}
		return settings;
	}

	private static EmbeddedExtension allowAllExtension() {
		return EmbeddedExtension.builder()
			.withId("mqtt-rr-allow-all")
			.withName("mqtt-rr allow-all authenticator")
			.withVersion("1.0")
			.withAuthor("mqtt-rr")
			.withPriority(0)
			.withStartPriority(1000)
			.withExtensionMain(new AllowAll())
			.build();
	}

	/**
	 * Close the broker, ending its threads, and delete the folder. A broker whose start failed
	 * must be closed too: its {@code stop()} does nothing then, and its state-change executor, event
	 * loops and extension executors (none of them daemon threads) would keep the JVM alive after
	 * the application failed to start. Waits for the close at most {@value #CLOSE_TIMEOUT_SECONDS}
	 * seconds (not at all when the calling thread is interrupted): the close goes on regardless.
	 */
	private void release(@Nullable EmbeddedHiveMQ broker) {
		if (broker != null) {
			Thread closer = new Thread(() -> {
				try {
					broker.close();
				}
				catch (ExecutionException | RuntimeException ex) {
					logger.warn("The embedded HiveMQ broker did not close cleanly: " + ex.getMessage());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "mqtt-rr-hivemq-close");
			closer.setDaemon(true);
			closer.start();
			try {
				closer.join(TimeUnit.SECONDS.toMillis(CLOSE_TIMEOUT_SECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			if (closer.isAlive()) {
				logger.warn("The embedded HiveMQ broker did not close within " + CLOSE_TIMEOUT_SECONDS + " s");
			}
		}
		deleteFolder();
	}

	private void deleteFolder() {
		Path path = this.folder;
		this.folder = null;
		if (path == null) {
			return;
		}
		try (Stream<Path> files = Files.walk(path)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			logger.debug("Could not delete " + path, ex);
		}
	}

	/**
	 * Return whether a failed start failed for want of the port: HiveMQ reports a failed bind in
	 * its own exceptions, so besides looking for a {@link BindException} in the causes, try the
	 * port (with SO_REUSEADDR, so that connections closing on it do not count).
	 */
	private boolean portInUse(Exception failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException) {
				return true;
			}
		}
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByName(this.host), this.port));
			return false;
		}
		catch (IOException ex) {
			return ex instanceof BindException;
		}
	}

	private static int freePort(String host) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free port on " + host, ex);
		}
	}

	private static final class AllowAll implements ExtensionMain {

		@Override
		public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
			Services.securityRegistry()
				.setAuthenticatorProvider((providerInput) -> (SimpleAuthenticator) (connect, result) -> result
					.authenticateSuccessfully());
		}

		@Override
		public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
		}

	}

}
