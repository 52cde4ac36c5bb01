package dev.mqttrr.core;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at start-up for an {@code @MqttResponder} method the starter cannot serve: a signature
 * with two payload parameters, an invalid topic, QoS or group, or, on a broker without MQTT 5
 * subscription identifiers, a topic filter that overlaps another responder's.
 */
public class MqttInvalidResponderException extends MqttRequestResponseException {

	private final String problem;

	private final String action;

	/**
	 * Create an exception.
	 * @param problem what is wrong, naming the method or methods
	 * @param action what to do about it
	 * @param cause the failure that showed the problem, if any
	 */
	public MqttInvalidResponderException(String problem, String action, @Nullable Throwable cause) {
		super(problem + " " + action, cause);
		this.problem = problem;
		this.action = action;
	}

	/**
	 * Return what is wrong, naming the method or methods.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * Return what to do about it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
