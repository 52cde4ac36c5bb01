package dev.mqttrr.core;

/**
 * A message as received from the broker.
 *
 * @param topic the topic it arrived on
 * @param payload the payload (not copied; treat as read-only)
 * @param qos the QoS it was delivered with
 * @param retained whether it was a retained message
 * @param duplicate whether it is a redelivery
 * @param properties its MQTT 5 properties
 */
public record ReceivedMessage(String topic, byte[] payload, int qos, boolean retained, boolean duplicate,
		PublishProperties properties) {

}
