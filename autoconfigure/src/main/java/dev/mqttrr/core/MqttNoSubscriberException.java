package dev.mqttrr.core;

/**
 * Thrown when the broker acknowledged a QoS 1 or 2 request with reason code 0x10 (No matching
 * subscribers): no responder is subscribed to the request topic, so no reply can come. Failing at
 * once spares the caller its whole timeout.
 */
public class MqttNoSubscriberException extends MqttRequestResponseException {

	private final String topic;

	/**
	 * Create an exception for the given request topic.
	 * @param topic the request topic that nobody subscribes to
	 */
	public MqttNoSubscriberException(String topic) {
		super("No subscriber on '" + topic + "': the broker reported no matching subscribers "
				+ "(reason code 0x10). Start a responder for this topic or check the topic name.");
		this.topic = topic;
	}

	/**
	 * Return the request topic that nobody subscribes to.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

}
