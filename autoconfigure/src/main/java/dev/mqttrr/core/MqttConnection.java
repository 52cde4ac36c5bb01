package dev.mqttrr.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The one MQTT 5 connection of an application, as the request template and the responders use
 * it: subscribe, route received messages, publish. It hides the client library; the
 * auto-configured implementation is {@code dev.mqttrr.connection.PahoMqttConnection}.
 * <p>
 * Publish outcomes are reported to a {@link PublishCallback} on the connection's I/O thread,
 * which must not block; subscribe and unsubscribe futures complete on other threads, so stages
 * chained on them may block.
 */
public interface MqttConnection {

	/**
	 * The lifecycle phase of the connection: it starts after an embedded broker and before the
	 * responders, and also before Spring Boot's web server (phase
	 * {@code SmartLifecycle.DEFAULT_PHASE - 2048}), whose graceful shutdown ({@code - 1024}) may
	 * still make requests: the connection stops after both.
	 */
	int PHASE = Integer.MAX_VALUE - 4096;

	/** PUBACK/PUBREC reason code: the broker had no subscriber for the message. */
	int NO_MATCHING_SUBSCRIBERS = 0x10;

	/**
	 * Return the client id used to connect.
	 * @return the client id
	 */
	String getClientId();

	/**
	 * Return the broker URI, without credentials.
	 * @return the server URI
	 */
	String getServerUri();

	/**
	 * Return whether the client is connected now.
	 * @return {@code true} when connected
	 */
	boolean isConnected();

	/**
	 * Return since when the connection has been down: since it started connecting, was lost, or
	 * was stopped. For health checks; the default knows nothing and returns {@code null}.
	 * @return the instant, or {@code null} while connected and before the first start
	 */
	default @Nullable Instant getDisconnectedSince() {
		return null;
	}

	/**
	 * Return why the connection is down: the failure of the last connect attempt, or how the
	 * connection was lost (a one-line message, such as Paho's with its reason code). For health
	 * checks; the default knows nothing and returns {@code null}.
	 * @return the failure, or {@code null} while connected, after a stop and before any failure
	 */
	default @Nullable String getLastConnectionFailure() {
		return null;
	}

	/**
	 * Return whether the broker tells subscriptions apart by MQTT 5 subscription identifiers (its
	 * CONNACK says so). With them, a message that matches several subscriptions reaches the route
	 * of each once; without them, a broker sends a copy per matching subscription and each copy
	 * matches every one of those filters, so overlapping filters would see the message twice.
	 * @return {@code true} when connected to a broker that supports subscription identifiers
	 */
	boolean isSubscriptionIdentifierAvailable();

	/**
	 * Add a listener told of every connect and connection loss, in the order they happen.
	 * @param listener the listener
	 */
	void addConnectionListener(MqttConnectionListener listener);

	/**
	 * Route received messages whose topic matches a filter to a handler. Does not subscribe.
	 * @param filter the topic filter, optionally {@code $share/<group>/...}
	 * @param handler the handler
	 * @param executor the executor the handler runs on
	 * @return a handle that removes the route when run
	 */
	Runnable addRoute(String filter, MqttMessageHandler handler, Executor executor);

	/**
	 * Subscribe to a filter. The future completes when the broker granted the subscription, and
	 * fails when it refused it or the client is not connected.
	 * @param filter the topic filter
	 * @param qos the maximum QoS
	 * @return a future for the SUBACK
	 */
	CompletableFuture<Void> subscribe(String filter, int qos);

	/**
	 * Unsubscribe from a filter.
	 * @param filter the topic filter
	 * @return a future for the UNSUBACK
	 */
	CompletableFuture<Void> unsubscribe(String filter);

	/**
	 * Publish a message. A QoS 1 or 2 message first waits, without a thread, for a free slot
	 * below the broker's Receive Maximum; cancel the returned future to stop waiting.
	 * @param message the message
	 * @param callback told of the outcome
	 * @return a handle to cancel the wait for a slot
	 */
	Future<?> publish(OutgoingMessage message, PublishCallback callback);

	/**
	 * Publish like {@link #publish(OutgoingMessage, PublishCallback)}, but wait on the calling
	 * thread, up to the given time, when no in-flight slot is free, and send from it: for callers
	 * that block anyway, this spares a hand-off per publish. If no slot frees up in time the
	 * callback gets a failure; if, once a slot is free, {@code abandoned} says the message is no
	 * longer wanted, nothing is sent and the callback is not called.
	 * @param message the message
	 * @param maxWait the longest time to wait for a slot
	 * @param abandoned says, after a wait, whether the message is no longer wanted
	 * @param callback told of the outcome
	 */
	void publishWaitingHere(OutgoingMessage message, Duration maxWait, BooleanSupplier abandoned,
			PublishCallback callback);

	/**
	 * Receives the outcome of a publish, once.
	 */
	@FunctionalInterface
	interface PublishCallback {

		/**
		 * Called with the acknowledgement's reason code (0 for QoS 0), for example
		 * {@link #NO_MATCHING_SUBSCRIBERS}, or with the failure (reason codes of 0x80 and above
		 * fail). Runs on the connection's I/O thread or the publishing thread: return quickly.
		 * @param reasonCode the reason code, when {@code failure} is {@code null}
		 * @param failure why the publish failed, or {@code null}
		 */
		void published(int reasonCode, @Nullable MqttRequestResponseException failure);

		/**
		 * Called once the client library took the message to send, before the broker
		 * acknowledged it (possibly after {@link #published}, when the acknowledgement is
		 * quick); not called for a message that failed before. Does nothing by default.
		 */
		default void handedOver() {
		}

	}

}
