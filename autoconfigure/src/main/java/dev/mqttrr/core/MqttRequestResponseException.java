package dev.mqttrr.core;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception that mqtt-rr throws. Unchecked, like Spring's own messaging exceptions.
 */
public class MqttRequestResponseException extends RuntimeException {

	/**
	 * Create an exception with a message that says what failed and what to do.
	 * @param message the detail message
	 */
	public MqttRequestResponseException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a message and the failure underneath it.
	 * @param message the detail message
	 * @param cause the cause
	 */
	public MqttRequestResponseException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
