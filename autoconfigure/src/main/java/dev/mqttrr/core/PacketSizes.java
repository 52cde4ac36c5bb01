package dev.mqttrr.core;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.jspecify.annotations.Nullable;

/**
 * Estimates PUBLISH packet sizes, to refuse messages over the broker's Maximum Packet Size before
 * sending them (the broker would close the connection).
 */
final class PacketSizes {

	private PacketSizes() {
	}

	/**
	 * Return an upper bound of the PUBLISH packet size: fixed header, topic, the properties
	 * mqtt-rr sets, payload. Strings count three bytes a character, the UTF-8 worst case.
	 */
	static long estimate(String topic, MqttMessage message) {
		long size = 5 + 2 + topic.length() * 3L + 2 + 4 + message.getPayload().length;
		MqttProperties properties = message.getProperties();
		if (properties != null) {
			size += 16 + utf8Bound(properties.getContentType()) + utf8Bound(properties.getResponseTopic());
			size += (properties.getCorrelationData() != null) ? properties.getCorrelationData().length + 3 : 0;
			for (UserProperty user : properties.getUserProperties()) {
				size += 5 + utf8Bound(user.getKey()) + utf8Bound(user.getValue());
			}
		}
		return size;
	}

	private static long utf8Bound(@Nullable String value) {
		return (value != null) ? 3 + value.length() * 3L : 0;
	}

}
