package dev.mqttrr.support;

import java.util.ArrayList;
import java.util.List;

import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.UserProperty;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

/**
 * The one place that converts between {@link PublishProperties} and Paho's {@link MqttProperties}.
 */
public final class MqttPropertiesMapper {

	private MqttPropertiesMapper() {
	}

	/**
	 * Convert to Paho properties for publishing.
	 * @param properties the properties to send
	 * @return new Paho properties
	 */
	public static MqttProperties toPaho(PublishProperties properties) {
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

	/**
	 * Create the Paho properties of a reply that carries a content type and the request's
	 * correlation data, and nothing else: most replies, built without a {@link PublishProperties}
	 * in between.
	 * @param contentType the content type
	 * @param correlationData the request's correlation data, may be {@code null}
	 * @return new Paho properties
	 */
	public static MqttProperties toPaho(String contentType, byte @Nullable [] correlationData) {
		MqttProperties paho = new MqttProperties();
		paho.setContentType(contentType);
		paho.setCorrelationData(correlationData);
		return paho;
	}

	/**
	 * Convert received Paho properties.
	 * @param paho the properties of a received message, may be {@code null}
	 * @return the properties
	 */
	public static PublishProperties fromPaho(@Nullable MqttProperties paho) {
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
