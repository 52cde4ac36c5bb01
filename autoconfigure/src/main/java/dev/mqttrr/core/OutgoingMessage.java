package dev.mqttrr.core;

import org.springframework.util.Assert;

/**
 * A message to publish.
 *
 * @param topic the topic name
 * @param payload the payload (not copied)
 * @param qos the QoS, 0 to 2
 * @param properties the MQTT 5 properties
 */
public record OutgoingMessage(String topic, byte[] payload, int qos, PublishProperties properties) {

	/**
	 * Create a message.
	 * @param topic the topic name
	 * @param payload the payload
	 * @param qos the QoS
	 * @param properties the properties
	 */
	public OutgoingMessage {
		Assert.notNull(topic, "'topic' must not be null");
		Assert.notNull(payload, "'payload' must not be null");
		Assert.isTrue(qos >= 0 && qos <= 2, "'qos' must be 0, 1 or 2");
		Assert.notNull(properties, "'properties' must not be null");
	}

}
