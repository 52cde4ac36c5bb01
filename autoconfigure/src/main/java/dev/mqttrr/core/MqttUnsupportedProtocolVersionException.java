package dev.mqttrr.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when the broker does not speak MQTT 5: it refused protocol version 5, or
 * answered as an MQTT 3.1.1 broker does. Response topics and correlation data are MQTT 5
 * properties, so mqtt-rr cannot work with such a broker, and start-up fails whatever
 * {@code mqtt.fail-fast} says.
 */
public class MqttUnsupportedProtocolVersionException extends MqttConnectionException {

	/**
	 * Create an exception for a broker without MQTT 5.
	 * @param message what failed and what to do about it
	 * @param serverUri the broker URI, without credentials
	 * @param problem what the broker answered, in a few words
	 * @param cause the underlying failure
	 */
	public MqttUnsupportedProtocolVersionException(String message, String serverUri, String problem,
			@Nullable Throwable cause) {
		super(message, serverUri, problem, cause);
	}

}
