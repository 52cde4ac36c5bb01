package dev.mqttrr.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A message as received from the broker.
 *
 * @param topic the topic it arrived on
 * @param payload the payload (not copied; treat as read-only)
 * @param qos the QoS it was delivered with
 * @param retained whether it was a retained message
 * @param duplicate whether it is a redelivery
 * @param properties its MQTT 5 properties
 * @param receivedNanos when it arrived, in {@link System#nanoTime()}
 */
public record ReceivedMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate,
		PublishProperties properties, long receivedNanos) {

	/**
	 * Return whether the message's expiry interval, counted from its arrival, has passed.
	 * @return {@code true} for an expired message, {@code false} when it has no expiry
	 */
	public boolean isExpired() {
		Long seconds = this.properties.messageExpiryInterval();
		return seconds != null && System.nanoTime() - this.receivedNanos > seconds * 1_000_000_000L;
	}

	/**
	 * Return how long until the message's expiry interval, counted from its arrival, passes.
	 * @return the time left, zero or negative once it passed, or {@code null} when the message
	 * has no expiry
	 */
	public @Nullable Duration timeToExpiry() {
		Long seconds = this.properties.messageExpiryInterval();
		return (seconds != null) ? Duration.ofSeconds(seconds).minusNanos(System.nanoTime() - this.receivedNanos)
				: null;
	}

}
