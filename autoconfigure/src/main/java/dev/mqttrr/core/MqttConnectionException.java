package dev.mqttrr.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the client cannot connect at start-up, for example when the broker is unreachable,
 * refuses the credentials or does not speak MQTT 5. The subtypes tell these apart, so that Spring
 * Boot's failure analysis can say what to do about each.
 */
public class MqttConnectionException extends MqttRequestResponseException {

	private final @Nullable String serverUri;

	private final @Nullable String problem;

	/**
	 * Create an exception with the given message and cause.
	 * @param message what failed and what to do about it
	 * @param cause the underlying failure
	 */
	public MqttConnectionException(String message, @Nullable Throwable cause) {
		super(message, cause);
		this.serverUri = null;
		this.problem = null;
	}

	/**
	 * Create an exception for a failed connect to the given broker, such as a CONNACK refusal
	 * that no subtype stands for.
	 * @param message what failed and what to do about it
	 * @param serverUri the broker URI, without credentials
	 * @param problem what went wrong, in a few words, such as {@code "no CONNACK within 10 s"}
	 * @param cause the underlying failure
	 */
	public MqttConnectionException(String message, String serverUri, String problem, @Nullable Throwable cause) {
		super(message, cause);
		this.serverUri = serverUri;
		this.problem = problem;
	}

	/**
	 * Return the broker URI the client tried, without credentials.
	 * @return the URI, or {@code null} when not known
	 */
	public @Nullable String getServerUri() {
		return this.serverUri;
	}

	/**
	 * Return what went wrong, in a few words, without what to do about it.
	 * @return the problem, or {@code null} when only the message tells
	 */
	public @Nullable String getProblem() {
		return this.problem;
	}

}
