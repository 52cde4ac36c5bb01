package dev.mqttrr.core;

import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Receives the messages routed to one subscription of an {@link MqttConnection}. Called on the
 * route's executor, never on Paho's callback thread, so it may block.
 */
@FunctionalInterface
public interface MqttMessageHandler {

	/**
	 * Handle a message.
	 * @param topic the topic the message arrived on
	 * @param message the message
	 */
	void handle(String topic, MqttMessage message);

}
