package dev.mqttrr.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the client cannot connect at start-up, for example when the broker is unreachable,
 * refuses the credentials or does not speak MQTT 5.
 */
public class MqttConnectionException extends MqttRequestResponseException {

	/**
	 * Create an exception with the given message and cause.
	 * @param message what failed and what to do about it
	 * @param cause the underlying failure
	 */
	public MqttConnectionException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
