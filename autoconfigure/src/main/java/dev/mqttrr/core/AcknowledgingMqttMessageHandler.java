package dev.mqttrr.core;

/**
 * A handler that acknowledges each message itself once it has handled it, instead of the
 * connection acknowledging it when it is handed to the handler's executor. A QoS 1 message is
 * acknowledged to the broker (PUBACK) only then, so a message whose handling a crash or a lost
 * connection cut short stays with the broker, which delivers it again to a persistent session. A
 * message routed to several such handlers is acknowledged once all of them acknowledged it.
 * <p>
 * The handler must acknowledge every message exactly once, also when handling it fails;
 * acknowledging a QoS 0 or 2 message does nothing (QoS 2 is acknowledged by the client library
 * on receipt).
 */
@FunctionalInterface
public interface AcknowledgingMqttMessageHandler extends MqttMessageHandler {

	/**
	 * Handle a message and acknowledge it once handled.
	 * @param message the message
	 * @param acknowledgement acknowledges the message; call it once
	 */
	void handle(ReceivedMessage message, Acknowledgement acknowledgement);

	/**
	 * Handle a message that needs no acknowledgement.
	 * @param message the message
	 */
	@Override
	default void handle(ReceivedMessage message) {
		handle(message, Acknowledgement.NONE);
	}

	/**
	 * Called, on the connection's I/O thread, for a message the handler's executor refused
	 * (saturated or shut down), instead of {@link #handle(ReceivedMessage, Acknowledgement)}.
	 * Must not block, and must acknowledge the message. By default it only acknowledges it.
	 * @param message the message
	 * @param acknowledgement acknowledges the message; call it once
	 */
	default void rejected(ReceivedMessage message, Acknowledgement acknowledgement) {
		acknowledgement.acknowledge();
	}

	/**
	 * Acknowledges one received message.
	 */
	@FunctionalInterface
	interface Acknowledgement {

		/** An acknowledgement that does nothing: for a message that needs none. */
		Acknowledgement NONE = () -> {
		};

		/**
		 * Acknowledge the message. Safe to call from any thread; never blocks.
		 */
		void acknowledge();

	}

}
