package dev.mqttrr.connection;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.MqttConnectionException;
import dev.mqttrr.core.MqttConnectionListener;
import dev.mqttrr.core.MqttDisconnectedException;

/**
 * The session with the broker: connect on start, reconnect with back-off after a loss, disconnect
 * on stop, and tell the listeners of each change in the order it happened.
 * <p>
 * Every connect attempt has a {@link ClientConnection} of its own and a time limit (Paho has no
 * CONNACK timeout). An attempt counts only while it is the current one and the session runs: a
 * CONNACK that arrives after a stop or after its attempt timed out closes that client instead of
 * connecting the session.
 */
final class MqttSession {

	private static final Log logger = LogFactory.getLog(MqttSession.class);

	private final String serverUri;

	private final Supplier<MqttAsyncClient> clientFactory;

	private final MqttConnectionOptions options;

	private final ReconnectPolicy reconnectPolicy;

	private final MessageRouter router;

	private final InflightPublisher publisher;

	private final ScheduledExecutorService scheduler;

	private final ConnectionEvents events;

	private final ConnectionStatus status = new ConnectionStatus(Clock.systemUTC());

	/** Guarded by {@code this}, as are the fields below. */
	private boolean running;

	private volatile @Nullable Attempt current;

	private @Nullable Future<?> reconnectTask;

	private int reconnectAttempt;

	/** Connections made after a lost connection, over the session's whole life. */
	private final AtomicLong reconnects = new AtomicLong();

	private boolean connectedSinceStart;

	MqttSession(String serverUri, Supplier<MqttAsyncClient> clientFactory, MqttConnectionOptions options,
			ReconnectPolicy reconnectPolicy, MessageRouter router, InflightPublisher publisher,
			ScheduledExecutorService scheduler) {
		this.serverUri = serverUri;
		this.clientFactory = clientFactory;
		this.options = options;
		this.reconnectPolicy = reconnectPolicy;
		this.router = router;
		this.publisher = publisher;
		this.scheduler = scheduler;
		this.events = new ConnectionEvents(scheduler);
	}

	void addListener(MqttConnectionListener listener) {
		this.events.add(listener);
	}

	synchronized boolean isRunning() {
		return this.running;
	}

	/**
	 * Return since when the session has been down and why, for health checks.
	 */
	ConnectionStatus status() {
		return this.status;
	}

	/**
	 * Return the connected client, or {@code null} when not connected.
	 */
	/** Return how many connections were made again after a lost connection. */
	long reconnectCount() {
		return this.reconnects.get();
	}

	@Nullable ClientConnection connected() {
		Attempt attempt = this.current;
		return (attempt != null && attempt.established && attempt.connection.client.isConnected())
				? attempt.connection : null;
	}

	/**
	 * Connect, waiting up to the connection timeout for the first attempt. Its failure is thrown
	 * when it is permanent (MQTT 5, credentials or a TLS certificate refused) or {@code failFast} is
	 * set; otherwise the session keeps connecting in the background and {@code start} returns.
	 */
	void start(String clientId, boolean failFast) throws MqttException {
		Attempt attempt;
		synchronized (this) {
			if (this.running) {
				return;
			}
			this.running = true;
			this.reconnectAttempt = 0;
			this.connectedSinceStart = false;
			this.status.starting();
			attempt = connect(true);
		}
		try {
			attempt.result.get(attemptTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException | InterruptedException | CancellationException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			MqttException failure = (ex.getCause() instanceof MqttException mqtt) ? mqtt
					: new MqttException(MqttClientException.REASON_CODE_CLIENT_TIMEOUT);
			boolean givingUp = failFast || PahoFailures.isPermanent(failure) || ex instanceof CancellationException
					|| ex instanceof InterruptedException;
			synchronized (this) {
				if (this.current == attempt) {
					this.current = null;
					this.running = !givingUp;
					this.status.failed(PahoFailures.describe(failure, attemptTimeout()));
				}
			}
			// Not on Paho's thread here: close at once, so that nothing of the attempt outlives start().
			attempt.connection.close();
			if (ex instanceof CancellationException) {
				throw new MqttConnectionException("The MQTT connection to " + this.serverUri
						+ " was stopped while it was connecting", ex);
			}
			if (givingUp) {
				throw failure;
			}
			logger.warn("Could not connect to the MQTT broker at " + this.serverUri + " (" + failure.getMessage()
					+ "); the application starts anyway and keeps connecting in the background. Requests fail with "
					+ "MqttDisconnectedException until it is connected; set mqtt.fail-fast=true to fail start-up "
					+ "instead.");
			scheduleReconnect();
		}
	}

	/**
	 * Stop reconnecting, tell the listeners, and disconnect. Blocks until the client is closed.
	 */
	void stop() {
		Attempt attempt;
		synchronized (this) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.status.stopped();
			attempt = this.current;
			this.current = null;
			if (this.reconnectTask != null) {
				this.reconnectTask.cancel(false);
				this.reconnectTask = null;
			}
			if (attempt != null) {
				attempt.connection.stopAcknowledging();
			}
			this.publisher.disconnected();
		}
		// Told on this thread: when stop() returns, every waiting request has failed.
		MqttDisconnectedException stopped = new MqttDisconnectedException(
				"The MQTT connection to " + this.serverUri + " is shutting down", null);
		this.events.stopped(stopped);
		if (attempt != null) {
			attempt.result.cancel(false);
			attempt.connection.close();
		}
	}

	/**
	 * Holding the lock: start an attempt and make it the current one. The failure of an attempt
	 * that {@code start()} waits for is start()'s to handle; others schedule the next attempt.
	 */
	private Attempt connect(boolean awaitedByStart) {
		Attempt attempt = new Attempt(new ClientConnection(this.clientFactory.get(), this.router, this::lost),
				awaitedByStart);
		this.current = attempt;
		try {
			attempt.connection.client.connect(this.options, null, attempt);
		}
		catch (MqttException | RuntimeException ex) {
			attempt.result.completeExceptionally(ex);
		}
		return attempt;
	}

	private void established(Attempt attempt, IMqttToken token) {
		MqttProperties connack = token.getResponseProperties();
		int receiveMaximum = PahoConnectionState.unsigned((connack != null) ? connack.getReceiveMaximum() : null);
		Long maximumPacketSize = (connack != null) ? connack.getMaximumPacketSize() : null;
		synchronized (this) {
			if (!this.running || this.current != attempt || attempt.result.isDone()) {
				logger.debug("Discarding a connection that came after its attempt was given up");
				closeLater(attempt.connection);
				return;
			}
			attempt.established = true;
			attempt.reconnect = this.connectedSinceStart;
			if (attempt.reconnect) {
				this.reconnects.incrementAndGet();
			}
			this.connectedSinceStart = true;
			this.reconnectAttempt = 0;
			attempt.connection.state.setReceiveMaximum(receiveMaximum);
			attempt.connection.subscriptionIdentifiers = (connack == null) || connack.isSubscriptionIdentifiersAvailable();
			this.publisher.connected(attempt.connection, receiveMaximum, maximumPacketSize);
			// Completed last, so that start() returns to a session that counts as connected; a timer
			// that gave up on the attempt in the meantime wins.
			if (!attempt.result.complete(attempt.connection)) {
				attempt.established = false;
				this.publisher.disconnected();
				closeLater(attempt.connection);
				return;
			}
			this.status.connected();
		}
		logger.info((attempt.reconnect ? "Reconnected" : "Connected") + " to MQTT broker " + this.serverUri + " as '"
				+ attempt.connection.client.getClientId() + "' (receive maximum " + receiveMaximum + ")");
		this.events.connected(attempt.reconnect);
	}

	private void failed(Attempt attempt, Throwable cause) {
		synchronized (this) {
			if (this.current != attempt) {
				return;
			}
			if (attempt.awaitedByStart) {
				// start() decides what comes next.
				return;
			}
			this.current = null;
			this.status.failed(PahoFailures.describe(cause, attemptTimeout()));
		}
		logger.debug("Reconnect to " + this.serverUri + " failed: " + cause.getMessage());
		closeLater(attempt.connection);
		scheduleReconnect();
	}

	private void lost(ClientConnection connection, Throwable cause) {
		synchronized (this) {
			Attempt attempt = this.current;
			if (!this.running || attempt == null || attempt.connection != connection || !attempt.established) {
				return;
			}
			this.current = null;
			this.publisher.disconnected();
			this.status.failed(PahoFailures.describe(cause, attemptTimeout()));
		}
		logger.warn("Lost the MQTT connection to " + this.serverUri + ": " + cause.getMessage());
		this.events.lost(cause);
		closeLater(connection);
		scheduleReconnect();
	}

	private void scheduleReconnect() {
		synchronized (this) {
			if (!this.running || !this.reconnectPolicy.enabled() || this.current != null) {
				return;
			}
			Duration delay = this.reconnectPolicy.delay(this.reconnectAttempt++);
			this.reconnectTask = this.scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private synchronized void reconnect() {
		if (this.running && this.current == null) {
			connect(false);
		}
	}

	/**
	 * Close a client off the calling thread, which may be Paho's callback thread: closing blocks,
	 * and Paho refuses to disconnect from its own callback.
	 */
	private void closeLater(ClientConnection connection) {
		// Given up: whatever reaches it until it is closed gets no reply from it (publishes go over
		// the current connection only), so it must acknowledge nothing either.
		connection.stopAcknowledging();
		try {
			this.scheduler.execute(connection::close);
		}
		catch (RejectedExecutionException ex) {
			new Thread(connection::close, "mqtt-rr-close").start();
		}
	}

	private Duration attemptTimeout() {
		return Duration.ofSeconds(Math.max(1, this.options.getConnectionTimeout()));
	}

	/**
	 * One connect attempt, given up after the connection timeout; after a CONNACK in time, the
	 * connection it made.
	 */
	private final class Attempt implements MqttActionListener {

		final ClientConnection connection;

		final boolean awaitedByStart;

		/** Whether a connection was up before this one since the session started. */
		volatile boolean reconnect;

		final CompletableFuture<ClientConnection> result = new CompletableFuture<>();

		volatile boolean established;

		Attempt(ClientConnection connection, boolean awaitedByStart) {
			this.connection = connection;
			this.awaitedByStart = awaitedByStart;
			this.result.orTimeout(attemptTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((done, ex) -> {
				if (ex != null) {
					failed(this, ex);
				}
			});
		}

		@Override
		public void onSuccess(IMqttToken token) {
			established(this, token);
		}

		@Override
		public void onFailure(@Nullable IMqttToken token, Throwable ex) {
			this.result.completeExceptionally(ex);
		}

	}

}
