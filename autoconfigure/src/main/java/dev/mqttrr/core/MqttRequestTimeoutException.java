package dev.mqttrr.core;

import java.time.Duration;

/**
 * Thrown when no matching reply arrived within the request's timeout. The pending request has
 * been removed by the time this is thrown; a late reply is ignored.
 */
public class MqttRequestTimeoutException extends MqttRequestResponseException {

	private final String topic;

	private final Duration timeout;

	/**
	 * Create an exception for a request that timed out.
	 * @param topic the request topic
	 * @param timeout the timeout that expired
	 * @param message the detail message
	 */
	public MqttRequestTimeoutException(String topic, Duration timeout, String message) {
		super(message);
		this.topic = topic;
		this.timeout = timeout;
	}

	/**
	 * Return the topic the request was published to.
	 * @return the request topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * Return the timeout that expired.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

}
