package dev.mqttrr.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttConnectionException;
import dev.mqttrr.core.MqttConnectionListener;
import dev.mqttrr.core.MqttDisconnectedException;
import dev.mqttrr.core.MqttMessageHandler;
import dev.mqttrr.core.OutgoingMessage;

/**
 * The {@link MqttConnection} over Eclipse Paho v5, built so that none of Paho's traps reach the
 * code above it:
 * <ul>
 * <li>one callback per client receives every message and hands it to the routing table; no
 * per-subscription Paho listener is ever registered ({@link MessageRouter});</li>
 * <li>nothing blocks on Paho's callback thread: handlers run on executors, subscribe futures
 * complete on threads of their own;</li>
 * <li>QoS 1 and 2 publishes wait for a slot below the broker's Receive Maximum instead of failing
 * with Paho's error 32202, and oversized messages are refused before sending
 * ({@link InflightPublisher});</li>
 * <li>SUBACK and PUBACK failure reason codes, which Paho reports as success, fail the call;</li>
 * <li>connecting, reconnecting with a bounded back-off and a time limit per attempt, and a
 * lifecycle that can stop and start again are {@link MqttSession}'s; each attempt has a client of
 * its own, closed when the attempt or its connection ends.</li>
 * </ul>
 * Connects in {@link #start()}, disconnects in {@link #stop()}, releases its threads in
 * {@link #destroy()}.
 */
public class PahoMqttConnection implements MqttConnection, SmartLifecycle, DisposableBean {

	private static final Duration DESTROY_TIMEOUT = Duration.ofSeconds(5);

	private final String serverUri;

	private final String clientId;

	private final MqttConnectionOptions options;

	private final ScheduledThreadPoolExecutor executor;

	private final ExecutorService completions = Executors.newCachedThreadPool(daemonThreads("mqtt-rr-completion-"));

	private final MessageRouter router = new MessageRouter();

	private final InflightPublisher publisher;

	private final MqttSession session;

	private volatile boolean autoStartup = true;

	private volatile boolean failFast;

	/**
	 * Create a connection; nothing connects before {@link #start()}.
	 * @param serverUri the broker URI, {@code tcp://}, {@code ssl://}, {@code ws://} or
	 * {@code wss://}
	 * @param clientId the client id
	 * @param options the connection options; Paho's own automatic reconnect is turned off in
	 * favour of this class's, and sockets get TCP_NODELAY as
	 * {@link #installTcpNoDelaySocketFactory(String, MqttConnectionOptions)} says
	 * @param reconnectPolicy when to reconnect after a connection loss
	 * @throws MqttConnectionException if the URI or the client id is invalid
	 */
	public PahoMqttConnection(String serverUri, String clientId, MqttConnectionOptions options,
			ReconnectPolicy reconnectPolicy) {
		this.serverUri = serverUri;
		this.clientId = clientId;
		this.options = options;
		options.setAutomaticReconnect(false);
		installTcpNoDelaySocketFactory(serverUri, options);
		closeQuietly(newClient());
		this.executor = new ScheduledThreadPoolExecutor(2, daemonThreads("mqtt-rr-connection-"));
		this.executor.setRemoveOnCancelPolicy(true);
		this.publisher = new InflightPublisher(this.executor);
		this.session = new MqttSession(serverUri, this::newClient, options, reconnectPolicy, this.router,
				this.publisher, this.executor);
	}

	@Override
	public String getClientId() {
		return this.clientId;
	}

	@Override
	public String getServerUri() {
		return this.serverUri;
	}

	@Override
	public boolean isConnected() {
		return this.session.connected() != null;
	}

	@Override
	public @Nullable Instant getDisconnectedSince() {
		return this.session.status().downSince();
	}

	@Override
	public @Nullable String getLastConnectionFailure() {
		return this.session.status().lastFailure();
	}

	/**
	 * Return how many times the client connected again after losing its connection, over the
	 * connection's whole life (the first connect after a {@code start()} does not count).
	 * @return the number of reconnects
	 */
	public long getReconnectCount() {
		return this.session.reconnectCount();
	}

	/**
	 * Return the broker's Receive Maximum from the last CONNACK: how many QoS 1 and 2 publishes
	 * may be in flight at once.
	 * @return the receive maximum, 0 before the first connect
	 */
	public int getReceiveMaximum() {
		return this.publisher.receiveMaximum();
	}

	/**
	 * Return the largest packet the broker accepts, from its last CONNACK.
	 * @return the maximum packet size in bytes
	 */
	public long getMaximumPacketSize() {
		return this.publisher.maximumPacketSize();
	}

	/**
	 * Return the connection options the client connects with.
	 * @return the options (treat as read-only)
	 */
	public MqttConnectionOptions getConnectionOptions() {
		return this.options;
	}

	/**
	 * Set whether the connection connects when the application context starts (default
	 * {@code true}); without it, call {@link #start()} yourself.
	 * @param autoStartup whether to start with the context
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * Set whether {@link #start()} fails when the broker cannot be reached (default
	 * {@code false}: the connection keeps connecting in the background, and requests fail with
	 * {@code MqttDisconnectedException} meanwhile). A broker that refuses MQTT 5 or the
	 * credentials, and a TLS certificate refused on either side, fail the start either way.
	 * @param failFast whether an unreachable broker fails the start
	 */
	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	@Override
	public void addConnectionListener(MqttConnectionListener listener) {
		this.session.addListener(listener);
	}

	@Override
	public Runnable addRoute(String filter, MqttMessageHandler handler, Executor executor) {
		return this.router.add(filter, handler, executor);
	}

	@Override
	public boolean isSubscriptionIdentifierAvailable() {
		ClientConnection connection = this.session.connected();
		return connection != null && connection.subscriptionIdentifiers;
	}

	@Override
	public CompletableFuture<Void> subscribe(String filter, int qos) {
		return acknowledged("Subscribe to", filter, (connection, listener) -> {
			MqttProperties properties = new MqttProperties();
			Integer identifier = this.router.identifierOf(filter);
			if (connection.subscriptionIdentifiers && identifier != null) {
				// Explicitly: Paho's own assignment is not sent (its issue #1019).
				properties.setSubscriptionIdentifier(identifier);
			}
			return connection.client.subscribe(new MqttSubscription[] { new MqttSubscription(filter, qos) }, null,
					listener, properties);
		});
	}

	@Override
	public CompletableFuture<Void> unsubscribe(String filter) {
		return acknowledged("Unsubscribe from", filter, (connection, listener) -> connection.client
			.unsubscribe(new String[] { filter }, null, listener, new MqttProperties()));
	}

	@Override
	public Future<?> publish(OutgoingMessage message, PublishCallback callback) {
		return this.publisher.publish(message, callback);
	}

	@Override
	public void publishWaitingHere(OutgoingMessage message, Duration maxWait, BooleanSupplier abandoned,
			PublishCallback callback) {
		this.publisher.publishWaitingHere(message, Math.max(1, maxWait.toNanos()), abandoned, callback);
	}

	@Override
	public void start() {
		try {
			this.session.start(this.clientId, this.failFast);
		}
		catch (MqttException ex) {
			throw PahoFailures.connect(this.serverUri, this.clientId,
					Duration.ofSeconds(Math.max(1, this.options.getConnectionTimeout())), ex);
		}
	}

	@Override
	public void stop() {
		this.session.stop();
	}

	@Override
	public boolean isRunning() {
		return this.session.isRunning();
	}

	@Override
	public boolean isAutoStartup() {
		return this.autoStartup;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public void destroy() {
		stop();
		// Let the clients a failed or lost connection left to close finish closing.
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(DESTROY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.executor.shutdownNow();
		this.completions.shutdownNow();
	}

	/**
	 * Give the options a socket factory that sets TCP_NODELAY (Paho leaves Nagle's algorithm on,
	 * which holds back small packets such as replies and acknowledgements), unless they name a
	 * factory already, or set Paho's SSL properties (from which Paho builds its own TLS factory)
	 * for a TLS URL. {@code tcp://} and {@code ws://} get a plain factory, {@code ssl://} and
	 * {@code wss://} the JVM's default TLS factory. The constructor calls this; call it earlier
	 * to let code that customizes the options see or wrap the factory.
	 * @param serverUri the broker URL
	 * @param options the options to change
	 */
	public static void installTcpNoDelaySocketFactory(String serverUri, MqttConnectionOptions options) {
		if (options.getSocketFactory() != null) {
			return;
		}
		if (hasScheme(serverUri, "tcp://") || hasScheme(serverUri, "ws://")) {
			options.setSocketFactory(new TcpNoDelaySocketFactory(SocketFactory.getDefault()));
		}
		else if (usesTls(serverUri) && options.getSSLProperties() == null) {
			// The JVM's default SSLContext: the same trust store and javax.net.ssl.* settings as Paho's.
			options.setSocketFactory(new TcpNoDelaySslSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault()));
		}
	}

	/**
	 * Return whether a broker URL connects with TLS: {@code ssl://} or {@code wss://}, in any case.
	 * @param serverUri the broker URL
	 * @return {@code true} for a TLS URL
	 */
	public static boolean usesTls(String serverUri) {
		return hasScheme(serverUri, "ssl://") || hasScheme(serverUri, "wss://");
	}

	private static boolean hasScheme(String serverUri, String scheme) {
		return serverUri.regionMatches(true, 0, scheme, 0, scheme.length());
	}

	private MqttAsyncClient newClient() {
		try {
			return new MqttAsyncClient(this.serverUri, this.clientId, new MemoryPersistence());
		}
		catch (MqttException | IllegalArgumentException ex) {
			throw new MqttConnectionException("Invalid MQTT broker URL or client id (mqtt.url='" + this.serverUri
					+ "', client id '" + this.clientId + "'): " + ex.getMessage(), ex);
		}
	}

	/**
	 * Send a subscribe or unsubscribe and return a future for its acknowledgement, completed on
	 * this connection's threads.
	 */
	private CompletableFuture<Void> acknowledged(String verb, String filter, PahoRequest request) {
		ClientConnection connection = this.session.connected();
		if (connection == null) {
			return CompletableFuture.failedFuture(notConnected(verb + " '" + filter + "'"));
		}
		CompletableFuture<Void> result = new CompletableFuture<>();
		try {
			request.send(connection, new AckListener(completeOffCallbackThread(result), verb, filter, null));
		}
		catch (MqttException | RuntimeException ex) {
			result.completeExceptionally(PahoFailures.of(verb + " '" + filter + "'", ex));
		}
		return result;
	}

	/**
	 * Return a callback that completes the future off Paho's callback thread, and off the threads
	 * that reconnect, so that stages chained on it may block.
	 */
	private PublishCallback completeOffCallbackThread(CompletableFuture<Void> result) {
		return (reasonCode, failure) -> {
			Runnable complete = () -> {
				if (failure != null) {
					result.completeExceptionally(failure);
				}
				else {
					result.complete(null);
				}
			};
			try {
				this.completions.execute(complete);
			}
			catch (RejectedExecutionException ex) {
				complete.run();
			}
		};
	}

	private MqttDisconnectedException notConnected(String action) {
		return new MqttDisconnectedException(action + " failed: not connected to " + this.serverUri, null);
	}

	private static CustomizableThreadFactory daemonThreads(String prefix) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory(prefix);
		threads.setDaemon(true);
		return threads;
	}

	private static void closeQuietly(MqttAsyncClient client) {
		try {
			client.close();
		}
		catch (MqttException ex) {
			// Never connected: nothing to release.
		}
	}

	@FunctionalInterface
	private interface PahoRequest {

		IMqttToken send(ClientConnection connection, MqttActionListener listener) throws MqttException;

	}

}
