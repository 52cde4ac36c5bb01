package dev.mqttrr.core;

/**
 * Receives the messages routed to one subscription of an {@link MqttConnection}, on the route's
 * executor.
 */
@FunctionalInterface
public interface MqttMessageHandler {

	/**
	 * Handle a message.
	 * @param message the message
	 */
	void handle(ReceivedMessage message);

}
