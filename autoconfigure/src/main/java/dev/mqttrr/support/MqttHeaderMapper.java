package dev.mqttrr.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.MimeType;

import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.UserProperty;

/**
 * The one place that maps MQTT 5 messages and properties to spring-messaging headers (names in
 * {@link MqttHeaders}) and back.
 */
public final class MqttHeaderMapper {

	private MqttHeaderMapper() {
	}

	/**
	 * Turn a received MQTT message into a spring-messaging message with its properties as headers.
	 * The headers carry no generated id or timestamp: nothing reads them, and a random UUID per
	 * request is a cost on the hot path.
	 * @param topic the topic it arrived on
	 * @param message the MQTT message
	 * @return the message, payload {@code byte[]}
	 */
	public static Message<byte[]> toMessage(String topic, MqttMessage message) {
		return new GenericMessage<>(message.getPayload(), new ReceivedHeaders(topic, message));
	}

	/**
	 * Read the MQTT 5 properties that a message's headers carry, for publishing it.
	 * @param headers the headers
	 * @return the properties
	 */
	@SuppressWarnings("unchecked")
	public static PublishProperties toProperties(MessageHeaders headers) {
		PublishProperties.Builder builder = PublishProperties.builder()
			.contentType(contentType(headers.get(MqttHeaders.CONTENT_TYPE)))
			.responseTopic(headers.get(MqttHeaders.RESPONSE_TOPIC, String.class))
			.correlationData(headers.get(MqttHeaders.CORRELATION_DATA, byte[].class))
			.messageExpiryInterval(number(headers.get(MqttHeaders.MESSAGE_EXPIRY_INTERVAL)))
			.payloadFormatIndicator(headers.get(MqttHeaders.PAYLOAD_FORMAT_INDICATOR, Boolean.class));
		Object user = headers.get(MqttHeaders.USER_PROPERTIES);
		if (user instanceof List<?> list) {
			builder.userProperties((List<UserProperty>) list);
		}
		else if (user instanceof Map<?, ?> map) {
			map.forEach((name, value) -> builder.userProperty(String.valueOf(name), String.valueOf(value)));
		}
		return builder.build();
	}

	private static void putIfNotNull(Map<String, Object> headers, String name, @Nullable Object value) {
		if (value != null) {
			headers.put(name, value);
		}
	}

	private static @Nullable String contentType(@Nullable Object value) {
		if (value instanceof MimeType mimeType) {
			return mimeType.toString();
		}
		return (value != null) ? value.toString() : null;
	}

	private static @Nullable Long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : null;
	}

	/**
	 * Headers of a received message, without the generated id and timestamp, written straight
	 * into the map {@link MessageHeaders} holds (one map per message rather than a map and its
	 * copy).
	 */
	private static final class ReceivedHeaders extends MessageHeaders {

		ReceivedHeaders(String topic, MqttMessage message) {
			super(null, ID_VALUE_NONE, -1L);
			Map<String, Object> headers = getRawHeaders();
			headers.put(MqttHeaders.TOPIC, topic);
			headers.put(MqttHeaders.QOS, message.getQos());
			headers.put(MqttHeaders.RETAINED, message.isRetained());
			headers.put(MqttHeaders.DUPLICATE, message.isDuplicate());
			MqttProperties properties = message.getProperties();
			if (properties != null) {
				putIfNotNull(headers, MqttHeaders.RESPONSE_TOPIC, properties.getResponseTopic());
				putIfNotNull(headers, MqttHeaders.CORRELATION_DATA, properties.getCorrelationData());
				putIfNotNull(headers, MqttHeaders.CONTENT_TYPE, properties.getContentType());
				putIfNotNull(headers, MqttHeaders.MESSAGE_EXPIRY_INTERVAL, properties.getMessageExpiryInterval());
				if (properties.getPayloadFormat()) {
					headers.put(MqttHeaders.PAYLOAD_FORMAT_INDICATOR, true);
				}
				List<org.eclipse.paho.mqttv5.common.packet.UserProperty> user = properties.getUserProperties();
				if (user != null && !user.isEmpty()) {
					List<UserProperty> userProperties = new ArrayList<>(user.size());
					for (org.eclipse.paho.mqttv5.common.packet.UserProperty property : user) {
						userProperties.add(new UserProperty(property.getKey(), property.getValue()));
					}
					headers.put(MqttHeaders.USER_PROPERTIES, List.copyOf(userProperties));
				}
			}
		}

	}

}
