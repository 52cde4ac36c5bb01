package dev.mqttrr.core;

/**
 * Thrown when a topic, topic filter or response topic breaks the MQTT 5 rules. Raised before
 * anything is sent or subscribed.
 */
public class MqttInvalidTopicException extends MqttRequestResponseException {

	private final String topic;

	/**
	 * Create an exception for the given topic.
	 * @param topic the offending topic, as given
	 * @param message what is wrong and how to fix it
	 */
	public MqttInvalidTopicException(String topic, String message) {
		super(message);
		this.topic = topic;
	}

	/**
	 * Return the offending topic, as given.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

}
