package dev.mqttrr.connection;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.paho.mqttv5.common.MqttException;
import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.MqttConnection.PublishCallback;
import dev.mqttrr.core.MqttDisconnectedException;
import dev.mqttrr.core.MqttPayloadTooLargeException;
import dev.mqttrr.core.MqttRequestResponseException;
import dev.mqttrr.core.OutgoingMessage;
import dev.mqttrr.support.AsyncPermits;

/**
 * Publishes over the connected client: refuses messages over the broker's Maximum Packet Size
 * before they are sent (the broker would close the connection), and keeps QoS 1 and 2 publishes
 * below the broker's Receive Maximum, waiting for a slot instead of failing with Paho's error
 * 32202. The slots start anew with every connection, which has a client of its own: a permit from
 * before counts no more, and a message holding one is not sent on the new connection.
 */
final class InflightPublisher {

	/** The largest packet MQTT 5 allows: the broker's limit when its CONNACK names none. */
	static final long UNLIMITED_PACKET_SIZE = 268_435_455L + 5;

	private static final Future<?> DONE = CompletableFuture.completedFuture(null);

	private final AsyncPermits inflight = new AsyncPermits(0);

	private final Executor executor;

	private volatile @Nullable ClientConnection connection;

	private volatile long maximumPacketSize = UNLIMITED_PACKET_SIZE;

	InflightPublisher(Executor executor) {
		this.executor = executor;
	}

	/**
	 * Start publishing over a new connection, with the limits of its CONNACK.
	 */
	void connected(ClientConnection connection, int receiveMaximum, @Nullable Long maximumPacketSize) {
		this.maximumPacketSize = (maximumPacketSize != null && maximumPacketSize > 0) ? maximumPacketSize
				: UNLIMITED_PACKET_SIZE;
		// The connection first: the reset hands slots to waiting messages, which send at once.
		this.connection = connection;
		this.inflight.reset(receiveMaximum);
	}

	void disconnected() {
		this.connection = null;
	}

	int receiveMaximum() {
		return this.inflight.limit();
	}

	long maximumPacketSize() {
		return this.maximumPacketSize;
	}

	Future<?> publish(OutgoingMessage message, PublishCallback callback) {
		if (!admit(message, callback)) {
			return DONE;
		}
		AsyncPermits.Permit free = (message.qos() > 0) ? this.inflight.tryAcquire() : null;
		if (message.qos() == 0 || free != null) {
			send(message, callback, free);
			return DONE;
		}
		// A slot frees up when an acknowledgement arrives, on Paho's callback thread: send from the
		// executor instead, so that thread keeps delivering messages.
		CompletableFuture<Void> handle = new CompletableFuture<>();
		CompletableFuture<AsyncPermits.Permit> slot = this.inflight.acquire();
		handle.whenComplete((done, ex) -> slot.cancel(false));
		slot.thenAcceptAsync((permit) -> {
			if (handle.complete(null)) {
				send(message, callback, permit);
			}
			else {
				permit.release();
			}
		}, this.executor);
		return handle;
	}

	void publishWaitingHere(OutgoingMessage message, long maxWaitNanos, BooleanSupplier abandoned,
			PublishCallback callback) {
		if (!admit(message, callback)) {
			return;
		}
		AsyncPermits.Permit permit = (message.qos() > 0) ? this.inflight.tryAcquire() : null;
		if (message.qos() > 0 && permit == null) {
			try {
				permit = this.inflight.acquire(maxWaitNanos, TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				callback.published(0, new MqttRequestResponseException(
						"Interrupted while waiting for an in-flight slot to publish to '" + message.topic() + "'", ex));
				return;
			}
			if (permit == null) {
				callback.published(0, new MqttRequestResponseException("No in-flight slot (receive maximum "
						+ receiveMaximum() + ") freed up in time to publish to '" + message.topic() + "'"));
				return;
			}
			if (abandoned.getAsBoolean()) {
				permit.release();
				return;
			}
		}
		send(message, callback, permit);
	}

	/**
	 * Return whether the message may be sent now: connected, and not over the packet size.
	 */
	private boolean admit(OutgoingMessage message, PublishCallback callback) {
		if (this.connection == null) {
			callback.published(0, notConnected(message));
			return false;
		}
		long limit = this.maximumPacketSize;
		if (PacketSizes.mightExceed(message, limit)) {
			long size = PacketSizes.estimate(message);
			if (size > limit) {
				callback.published(0, new MqttPayloadTooLargeException(message.topic(), size, limit));
				return false;
			}
		}
		return true;
	}

	private void send(OutgoingMessage message, PublishCallback callback, AsyncPermits.@Nullable Permit permit) {
		ClientConnection connection = this.connection;
		if (connection == null || (permit != null && !permit.isCurrent())) {
			if (permit != null) {
				permit.release();
			}
			callback.published(0, notConnected(message));
			return;
		}
		try {
			connection.state.disableTopicAliases();
			connection.client.publish(message.topic(), PahoProperties.toPaho(message), null,
					new AckListener(callback, "Publish to", message.topic(), permit));
		}
		catch (MqttException | RuntimeException ex) {
			if (permit != null) {
				permit.release();
			}
			callback.published(0, PahoFailures.of("Publish to '" + message.topic() + "'", ex));
			return;
		}
		callback.handedOver();
	}

	private static MqttDisconnectedException notConnected(OutgoingMessage message) {
		return new MqttDisconnectedException("Publish to '" + message.topic() + "' failed: the client is not "
				+ "connected", null);
	}

}
