package dev.mqttrr.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A reply received for a request: its topic, payload and MQTT 5 properties.
 */
public final class MqttReply {

	private final String topic;

	private final byte[] payload;

	private final PublishProperties properties;

	/**
	 * Create a reply.
	 * @param topic the topic the reply arrived on
	 * @param payload the payload (not copied)
	 * @param properties the reply's properties
	 */
	public MqttReply(String topic, byte[] payload, PublishProperties properties) {
		Assert.notNull(topic, "'topic' must not be null");
		Assert.notNull(payload, "'payload' must not be null");
		Assert.notNull(properties, "'properties' must not be null");
		this.topic = topic;
		this.payload = payload;
		this.properties = properties;
	}

	/**
	 * Return the topic the reply arrived on.
	 * @return the topic
	 */
	public String topic() {
		return this.topic;
	}

	/**
	 * Return the payload (not copied; treat as read-only).
	 * @return the payload
	 */
	public byte[] payload() {
		return this.payload;
	}

	/**
	 * Return the payload decoded as UTF-8.
	 * @return the payload as a string
	 */
	public String payloadAsString() {
		return new String(this.payload, StandardCharsets.UTF_8);
	}

	/**
	 * Return the reply's MQTT 5 properties.
	 * @return the properties
	 */
	public PublishProperties properties() {
		return this.properties;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (this == other) || (other instanceof MqttReply that && this.topic.equals(that.topic)
				&& Arrays.equals(this.payload, that.payload) && this.properties.equals(that.properties));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.topic, Arrays.hashCode(this.payload), this.properties);
	}

	@Override
	public String toString() {
		return "MqttReply[topic=" + this.topic + ", payload=" + this.payload.length + " bytes, properties="
				+ this.properties + "]";
	}

}
