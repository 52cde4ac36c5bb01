package dev.mqttrr.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up with {@code mqtt.fail-fast=true} when no connection to the broker could be
 * made: nothing listens at the address, the host is unknown, the network or TLS failed, or no
 * CONNACK came within the connection timeout.
 */
public class MqttBrokerUnreachableException extends MqttConnectionException {

	/**
	 * Create an exception for a broker that could not be reached.
	 * @param message what failed and what to do about it
	 * @param serverUri the broker URI, without credentials
	 * @param problem what went wrong, in a few words
	 * @param cause the underlying failure
	 */
	public MqttBrokerUnreachableException(String message, String serverUri, String problem,
			@Nullable Throwable cause) {
		super(message, serverUri, problem, cause);
	}

}
