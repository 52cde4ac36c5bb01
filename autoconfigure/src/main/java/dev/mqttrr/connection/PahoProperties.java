package dev.mqttrr.connection;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.OutgoingMessage;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.ReceivedMessage;
import dev.mqttrr.core.UserProperty;

/**
 * The one place that converts between mqtt-rr's messages and properties and Paho's.
 */
final class PahoProperties {

	private PahoProperties() {
	}

	/**
	 * Convert a message to publish.
	 */
	static MqttMessage toPaho(OutgoingMessage message) {
		return new MqttMessage(message.payload(), message.qos(), false, toPaho(message.properties()));
	}

	/**
	 * Convert a received message.
	 */
	static ReceivedMessage fromPaho(String topic, MqttMessage message) {
		return new ReceivedMessage(topic, message.getPayload(), message.getQos(), message.isRetained(),
				message.isDuplicate(), fromPaho(message.getProperties()), System.nanoTime());
	}

	private static MqttProperties toPaho(PublishProperties properties) {
		MqttProperties paho = new MqttProperties();
		paho.setContentType(properties.contentType());
		if (properties.responseTopic() != null) {
			paho.setResponseTopic(properties.responseTopic());
		}
		paho.setCorrelationData(properties.correlationData());
		paho.setMessageExpiryInterval(properties.messageExpiryInterval());
		if (properties.payloadFormatIndicator() != null) {
			paho.setPayloadFormat(properties.payloadFormatIndicator());
		}
		if (!properties.userProperties().isEmpty()) {
			List<org.eclipse.paho.mqttv5.common.packet.UserProperty> user = new ArrayList<>(
					properties.userProperties().size());
			for (UserProperty property : properties.userProperties()) {
				user.add(new org.eclipse.paho.mqttv5.common.packet.UserProperty(property.name(), property.value()));
			}
			paho.setUserProperties(user);
		}
		return paho;
	}

	private static PublishProperties fromPaho(@Nullable MqttProperties paho) {
		if (paho == null) {
			return PublishProperties.empty();
		}
		PublishProperties.Builder builder = PublishProperties.builder()
			.contentType(paho.getContentType())
			.responseTopic(paho.getResponseTopic())
			.correlationData(paho.getCorrelationData())
			.messageExpiryInterval(paho.getMessageExpiryInterval());
		if (paho.getPayloadFormat()) {
			builder.payloadFormatIndicator(true);
		}
		List<org.eclipse.paho.mqttv5.common.packet.UserProperty> user = paho.getUserProperties();
		if (user != null) {
			for (org.eclipse.paho.mqttv5.common.packet.UserProperty property : user) {
				builder.userProperty(property.getKey(), property.getValue());
			}
		}
		return builder.build();
	}

}
