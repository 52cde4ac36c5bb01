package dev.mqttrr.core.observation;

/**
 * How a request, or a responder's handling of one, ended: the value of the {@code mqtt.outcome}
 * key of the {@code mqtt.request} and {@code mqtt.responder} observations.
 */
public enum MqttOutcome {

	/** A reply arrived (request), or the responder answered or had nothing to answer (responder). */
	SUCCESS("success"),

	/** No reply within the request's timeout. */
	TIMEOUT("timeout"),

	/** The broker reported no subscriber on the request topic. */
	NO_SUBSCRIBER("no_subscriber"),

	/** The responder answered with an error reply. */
	REMOTE_ERROR("remote_error"),

	/** The client was not connected, or the connection was lost while waiting. */
	DISCONNECTED("disconnected"),

	/** The responder was too busy and answered with a {@code .../busy} problem. */
	BUSY("busy"),

	/** Any other failure: on the responder's side, the method failed and an error reply went back. */
	ERROR("error");

	private final String value;

	MqttOutcome(String value) {
		this.value = value;
	}

	/**
	 * Return the value as it appears in the key value.
	 * @return the lower-case value, for example {@code no_subscriber}
	 */
	public String value() {
		return this.value;
	}

}
