package dev.mqttrr.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up when the broker refused the client's user name and password, or did not
 * authorize it to connect. Waiting does not help, so start-up fails whatever
 * {@code mqtt.fail-fast} says.
 */
public class MqttCredentialsRefusedException extends MqttConnectionException {

	/**
	 * Create an exception for refused credentials; neither message nor problem may contain the
	 * password.
	 * @param message what failed and what to do about it
	 * @param serverUri the broker URI, without credentials
	 * @param problem what the broker answered, in a few words
	 * @param cause the underlying failure
	 */
	public MqttCredentialsRefusedException(String message, String serverUri, String problem,
			@Nullable Throwable cause) {
		super(message, serverUri, problem, cause);
	}

}
