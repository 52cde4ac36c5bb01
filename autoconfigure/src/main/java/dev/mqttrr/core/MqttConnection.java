package dev.mqttrr.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

import dev.mqttrr.support.MqttTopics;

/**
 * The one Paho {@link MqttAsyncClient} of an application, wrapped so that none of Paho's traps
 * reach the code above it:
 * <ul>
 * <li>one {@link MqttCallback} receives every message and hands it to the {@link MessageRouter};
 * no per-subscription Paho listener is ever registered;</li>
 * <li>nothing blocks on Paho's callback thread: handlers and listeners run on executors;</li>
 * <li>QoS 1 and 2 publishes wait (asynchronously) for a slot below the broker's Receive Maximum
 * instead of failing with Paho's error 32202;</li>
 * <li>SUBACK and PUBACK failure reason codes, which Paho reports as success, fail the future;</li>
 * <li>reconnect is this class's own loop with a bounded back-off, and every
 * {@link MqttConnectionListener} hears of each connect so subscriptions can be made again.</li>
 * </ul>
 * Connects in {@link #start()} and disconnects in {@link #stop()}.
 */
public class MqttConnection implements SmartLifecycle {

	/** The lifecycle phase: after an embedded broker, before responders. */
	public static final int PHASE = Integer.MAX_VALUE - 1000;

	/** PUBACK/PUBREC reason code: the broker had no subscriber for the message. */
	public static final int NO_MATCHING_SUBSCRIBERS = 0x10;

	private static final Log logger = LogFactory.getLog(MqttConnection.class);

	/** The largest packet MQTT 5 allows: the broker's limit when its CONNACK names none. */
	private static final long UNLIMITED_PACKET_SIZE = 268_435_455L + 5;

	private static final BooleanSupplier NEVER_ABANDONED = () -> false;

	private final MqttAsyncClient client;

	private final PahoTopicAliases topicAliases;

	private final MqttConnectionOptions options;

	private final Executor taskExecutor;

	private final ReconnectPolicy reconnectPolicy;

	private final MessageRouter router = new MessageRouter();

	private final List<MqttConnectionListener> listeners = new CopyOnWriteArrayList<>();

	private final AsyncPermits inflight = new AsyncPermits(1);

	private final ScheduledExecutorService scheduler;

	private volatile boolean running;

	private volatile int receiveMaximum;

	private volatile long maximumPacketSize = UNLIMITED_PACKET_SIZE;

	private int reconnectAttempt;

	/**
	 * Create a connection.
	 * @param client the Paho client, not yet connected
	 * @param options the connection options; Paho's own automatic reconnect is turned off in
	 * favour of this class's loop
	 * @param taskExecutor runs listeners and, by default, message handlers
	 * @param reconnectPolicy when to reconnect after a connection loss
	 */
	public MqttConnection(MqttAsyncClient client, MqttConnectionOptions options, Executor taskExecutor,
			ReconnectPolicy reconnectPolicy) {
		this.client = client;
		this.topicAliases = new PahoTopicAliases(client);
		this.options = options;
		this.taskExecutor = taskExecutor;
		this.reconnectPolicy = reconnectPolicy;
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
				new CustomizableThreadFactory("mqtt-rr-reconnect-"));
		scheduler.setRemoveOnCancelPolicy(true);
		this.scheduler = scheduler;
		this.client.setCallback(new RoutingCallback());
	}

	/**
	 * Return the client id used to connect.
	 * @return the client id
	 */
	public String getClientId() {
		return this.client.getClientId();
	}

	/**
	 * Return the broker URI the client connects to.
	 * @return the server URI
	 */
	public String getServerUri() {
		return this.client.getServerURI();
	}

	/**
	 * Return whether the client is connected now.
	 * @return {@code true} when connected
	 */
	public boolean isConnected() {
		return this.client.isConnected();
	}

	/**
	 * Return the broker's Receive Maximum from the last CONNACK: how many QoS 1 and 2 publishes
	 * may be in flight at once.
	 * @return the receive maximum, 0 before the first connect
	 */
	public int getReceiveMaximum() {
		return this.receiveMaximum;
	}

	/**
	 * Return the largest packet the broker accepts, from its CONNACK; larger publishes would make
	 * it close the connection.
	 * @return the maximum packet size in bytes
	 */
	public long getMaximumPacketSize() {
		return this.maximumPacketSize;
	}

	/**
	 * Return the connection options the client connects with.
	 * @return the options (treat as read-only once started)
	 */
	public MqttConnectionOptions getConnectionOptions() {
		return this.options;
	}

	/**
	 * Add a listener told of every connect and connection loss.
	 * @param listener the listener
	 */
	public void addConnectionListener(MqttConnectionListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Route messages whose topic matches a filter to a handler. Does not subscribe.
	 * @param filter the topic filter, optionally {@code $share/<group>/...}
	 * @param handler the handler
	 * @param executor the executor the handler runs on
	 * @return a handle that removes the route when run
	 */
	public Runnable addRoute(String filter, MqttMessageHandler handler, Executor executor) {
		MqttTopics.validateTopicFilter(filter, "filter");
		return this.router.add(filter, handler, executor);
	}

	/**
	 * Subscribe to a filter. The future completes when the broker granted the subscription, and
	 * fails when it refused it or the client is not connected.
	 * @param filter the topic filter
	 * @param qos the maximum QoS
	 * @return a future for the SUBACK
	 */
	public CompletableFuture<Void> subscribe(String filter, int qos) {
		CompletableFuture<Integer> result = new CompletableFuture<>();
		try {
			this.client.subscribe(new MqttSubscription[] { new MqttSubscription(filter, qos) }, null,
					new AckListener(result, "Subscribe to", filter, null), new MqttProperties());
		}
		catch (MqttException | RuntimeException ex) {
			result.completeExceptionally(MqttFailures.of("Subscribe to '" + filter + "'", ex));
		}
		return result.thenApply((reasonCode) -> null);
	}

	/**
	 * Unsubscribe from a filter.
	 * @param filter the topic filter
	 * @return a future for the UNSUBACK
	 */
	public CompletableFuture<Void> unsubscribe(String filter) {
		CompletableFuture<Integer> result = new CompletableFuture<>();
		try {
			this.client.unsubscribe(new String[] { filter }, null,
					new AckListener(result, "Unsubscribe from", filter, null), new MqttProperties());
		}
		catch (MqttException | RuntimeException ex) {
			result.completeExceptionally(MqttFailures.of("Unsubscribe from '" + filter + "'", ex));
		}
		return result.thenApply((reasonCode) -> null);
	}

	/**
	 * Publish a message. A QoS 1 or 2 message first waits for a free slot below the broker's
	 * Receive Maximum; cancel the returned future to give up waiting. The future completes with
	 * the acknowledgement's reason code (0 for QoS 0), for example
	 * {@link #NO_MATCHING_SUBSCRIBERS}, and fails for reason codes of 0x80 and above.
	 * @param topic the topic
	 * @param message the message
	 * @return a future for the acknowledgement
	 */
	public CompletableFuture<Integer> publish(String topic, MqttMessage message) {
		return publish(topic, message, 0, NEVER_ABANDONED);
	}

	/**
	 * Publish like {@link #publish(String, MqttMessage)}, but wait on the calling thread, up to
	 * the given time, when no in-flight slot is free, and send from it: for callers that block
	 * anyway, this spares a hand-off to the task executor per publish. Never call it on Paho's
	 * callback thread. If no slot frees up in time the future fails.
	 * @param topic the topic
	 * @param message the message
	 * @param maxWait the longest time to wait for a slot
	 * @return a future for the acknowledgement
	 */
	public CompletableFuture<Integer> publishWaitingHere(String topic, MqttMessage message, Duration maxWait) {
		return publishWaitingHere(topic, message, maxWait, NEVER_ABANDONED);
	}

	/**
	 * Publish like {@link #publishWaitingHere(String, MqttMessage, Duration)}, and give up if,
	 * once a slot is free, the message is no longer wanted: a request that failed while its
	 * thread waited (a connection loss, say) must not be published after the caller was told it
	 * failed. The future is then cancelled.
	 * @param topic the topic
	 * @param message the message
	 * @param maxWait the longest time to wait for a slot
	 * @param abandoned says, after a wait, whether the message is no longer wanted
	 * @return a future for the acknowledgement
	 */
	public CompletableFuture<Integer> publishWaitingHere(String topic, MqttMessage message, Duration maxWait,
			BooleanSupplier abandoned) {
		return publish(topic, message, Math.max(1, maxWait.toNanos()), abandoned);
	}

	private CompletableFuture<Integer> publish(String topic, MqttMessage message, long waitHereNanos,
			BooleanSupplier abandoned) {
		CompletableFuture<Integer> result = new CompletableFuture<>();
		if (nearMaximumPacketSize(topic, message)) {
			long size = PacketSizes.estimate(topic, message);
			if (size > this.maximumPacketSize) {
				result.completeExceptionally(new MqttPayloadTooLargeException(topic, size, this.maximumPacketSize));
				return result;
			}
		}
		if (message.getQos() == 0) {
			send(topic, message, result, null);
			return result;
		}
		AsyncPermits.Permit free = this.inflight.tryAcquire();
		if (free != null) {
			send(topic, message, result, free);
			return result;
		}
		if (waitHereNanos > 0) {
			awaitSlotAndSend(topic, message, result, waitHereNanos, abandoned);
			return result;
		}
		// A slot frees up when an acknowledgement arrives, on Paho's callback thread: send from the
		// task executor instead, so that thread keeps delivering messages.
		CompletableFuture<AsyncPermits.Permit> slot = this.inflight.acquire();
		slot.thenAcceptAsync((permit) -> sendUnlessDone(topic, message, result, permit), this.taskExecutor);
		result.whenComplete((code, ex) -> slot.cancel(false));
		return result;
	}

	private void awaitSlotAndSend(String topic, MqttMessage message, CompletableFuture<Integer> result,
			long waitNanos, BooleanSupplier abandoned) {
		try {
			AsyncPermits.Permit permit = this.inflight.acquire(waitNanos, TimeUnit.NANOSECONDS);
			if (permit == null) {
				result.completeExceptionally(new MqttRequestResponseException("No in-flight slot (receive maximum "
						+ this.receiveMaximum + ") freed up in time to publish to '" + topic + "'"));
			}
			else if (abandoned.getAsBoolean()) {
				permit.release();
				result.cancel(false);
			}
			else {
				send(topic, message, result, permit);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			result.completeExceptionally(new MqttRequestResponseException(
					"Interrupted while waiting for an in-flight slot to publish to '" + topic + "'", ex));
		}
	}

	private void sendUnlessDone(String topic, MqttMessage message, CompletableFuture<Integer> result,
			AsyncPermits.Permit permit) {
		if (result.isDone()) {
			permit.release();
		}
		else {
			send(topic, message, result, permit);
		}
	}

	private void send(String topic, MqttMessage message, CompletableFuture<Integer> result,
			AsyncPermits.@Nullable Permit permit) {
		try {
			this.topicAliases.disable();
			this.client.publish(topic, message, null, new AckListener(result, "Publish to", topic, permit));
		}
		catch (MqttException | RuntimeException ex) {
			if (permit != null) {
				permit.release();
			}
			result.completeExceptionally(MqttFailures.of("Publish to '" + topic + "'", ex));
		}
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		this.options.setAutomaticReconnect(false);
		try {
			IMqttToken token = this.client.connect(this.options);
			token.waitForCompletion(connectTimeout().toMillis());
			if (!token.isComplete()) {
				throw new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
			}
			this.running = true;
			onConnected(token, false);
		}
		catch (MqttException ex) {
			throw MqttFailures.connect(getServerUri(), getClientId(), connectTimeout(), ex);
		}
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.scheduler.shutdownNow();
		MqttDisconnectedException stopped = new MqttDisconnectedException(
				"The MQTT connection to " + getServerUri() + " is shutting down", null);
		notifyListeners((listener) -> listener.connectionLost(stopped), false);
		try {
			if (this.client.isConnected()) {
				this.client.disconnect(1000).waitForCompletion(connectTimeout().toMillis());
			}
		}
		catch (MqttException ex) {
			logger.debug("Clean disconnect failed; closing the connection forcibly", ex);
			try {
				this.client.disconnectForcibly(0, 1000, false);
			}
			catch (MqttException ignored) {
				// Nothing left to do: the client is closed next.
			}
		}
		try {
			this.client.close(true);
		}
		catch (MqttException ex) {
			logger.debug("Closing the MQTT client failed", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private Duration connectTimeout() {
		return Duration.ofSeconds(Math.max(1, this.options.getConnectionTimeout()) + 1);
	}

	private void onConnected(IMqttToken token, boolean reconnect) {
		MqttProperties connack = token.getResponseProperties();
		Integer advertised = (connack != null) ? connack.getReceiveMaximum() : null;
		int limit = (advertised != null && advertised > 0) ? Math.min(advertised, 65535) : 65535;
		this.receiveMaximum = limit;
		this.inflight.reset(limit);
		Long maxPacket = (connack != null) ? connack.getMaximumPacketSize() : null;
		this.maximumPacketSize = (maxPacket != null && maxPacket > 0) ? maxPacket : UNLIMITED_PACKET_SIZE;
		synchronized (this) {
			this.reconnectAttempt = 0;
		}
		logger.info((reconnect ? "Reconnected" : "Connected") + " to MQTT broker " + getServerUri() + " as '"
				+ getClientId() + "' (receive maximum " + limit + ")");
		notifyListeners((listener) -> listener.connected(reconnect), true);
	}

	private void onConnectionLost(Throwable cause) {
		if (!this.running) {
			return;
		}
		logger.warn("Lost the MQTT connection to " + getServerUri() + ": " + cause.getMessage());
		notifyListeners((listener) -> listener.connectionLost(cause), true);
		scheduleReconnect();
	}

	private void scheduleReconnect() {
		if (!this.running || !this.reconnectPolicy.enabled()) {
			return;
		}
		Duration delay;
		synchronized (this) {
			delay = this.reconnectPolicy.delay(this.reconnectAttempt++);
		}
		try {
			this.scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RuntimeException ex) {
			logger.debug("Reconnect not scheduled: shutting down", ex);
		}
	}

	private void reconnect() {
		if (!this.running || this.client.isConnected()) {
			return;
		}
		try {
			this.client.connect(this.options, null, new MqttActionListener() {

				@Override
				public void onSuccess(IMqttToken token) {
					onConnected(token, true);
				}

				@Override
				public void onFailure(IMqttToken token, Throwable ex) {
					logger.debug("Reconnect to " + getServerUri() + " failed: " + ex.getMessage());
					scheduleReconnect();
				}

			});
		}
		catch (MqttException | RuntimeException ex) {
			logger.debug("Reconnect to " + getServerUri() + " failed: " + ex.getMessage());
			scheduleReconnect();
		}
	}

	private void notifyListeners(Consumer<MqttConnectionListener> event, boolean async) {
		for (MqttConnectionListener listener : this.listeners) {
			Runnable call = () -> {
				try {
					event.accept(listener);
				}
				catch (RuntimeException ex) {
					logger.error("MQTT connection listener " + listener + " failed", ex);
				}
			};
			if (async) {
				this.taskExecutor.execute(call);
			}
			else {
				call.run();
			}
		}
	}

	/**
	 * Cheap first check, so that the exact size (which encodes the properties) is only computed
	 * for messages that might not fit.
	 */
	private boolean nearMaximumPacketSize(String topic, MqttMessage message) {
		return message.getPayload().length + 3L * topic.length() + 16 * 1024 > this.maximumPacketSize;
	}

	/**
	 * The only Paho callback: routes messages, reports connection loss. Does no blocking work.
	 */
	private final class RoutingCallback implements MqttCallback {

		@Override
		public void messageArrived(String topic, MqttMessage message) {
			MqttConnection.this.router.dispatch(topic, message);
		}

		@Override
		public void disconnected(MqttDisconnectResponse response) {
			Throwable cause = (response.getException() != null) ? response.getException()
					: new MqttDisconnectedException("The broker closed the connection (reason code "
							+ response.getReturnCode() + ((response.getReasonString() != null)
									? ", " + response.getReasonString() : "") + ")", null);
			onConnectionLost(cause);
		}

		@Override
		public void mqttErrorOccurred(MqttException exception) {
			logger.warn("MQTT protocol error: " + exception.getMessage(), exception);
		}

		@Override
		public void deliveryComplete(IMqttToken token) {
		}

		@Override
		public void connectComplete(boolean reconnect, String serverURI) {
		}

		@Override
		public void authPacketArrived(int reasonCode, MqttProperties properties) {
		}

	}

}
