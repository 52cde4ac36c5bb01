package dev.mqttrr.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a request is made while the client is not connected, or when the connection is
 * lost while a request waits for its reply. Waiting requests fail at once rather than sitting
 * out their timeout.
 */
public class MqttDisconnectedException extends MqttRequestResponseException {

	/**
	 * Create an exception with the given message and cause.
	 * @param message the detail message
	 * @param cause the connection failure, if known
	 */
	public MqttDisconnectedException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
