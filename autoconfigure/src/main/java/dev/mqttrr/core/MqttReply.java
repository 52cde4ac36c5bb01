package dev.mqttrr.core;

import java.nio.charset.StandardCharsets;

import org.springframework.util.Assert;

/**
 * A reply received for a request.
 *
 * @param topic the topic the reply arrived on
 * @param payload the reply payload (not copied; treat as read-only)
 * @param properties the reply's MQTT 5 properties
 */
public record MqttReply(String topic, byte[] payload, PublishProperties properties) {

	/**
	 * Create a reply.
	 * @param topic the topic the reply arrived on
	 * @param payload the payload
	 * @param properties the reply's properties
	 */
	public MqttReply {
		Assert.notNull(topic, "'topic' must not be null");
		Assert.notNull(payload, "'payload' must not be null");
		Assert.notNull(properties, "'properties' must not be null");
	}

	/**
	 * Return the payload decoded as UTF-8.
	 * @return the payload as a string
	 */
	public String payloadAsString() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "MqttReply[topic=" + this.topic + ", payload=" + this.payload.length + " bytes, properties="
				+ this.properties + "]";
	}

}
