package dev.mqttrr.support;

import java.util.List;
import java.util.Map;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
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
	 * @param topic the topic it arrived on
	 * @param message the MQTT message
	 * @return the message, payload {@code byte[]}
	 */
	public static Message<byte[]> toMessage(String topic, MqttMessage message) {
		PublishProperties properties = MqttPropertiesMapper.fromPaho(message.getProperties());
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(message.getPayload())
			.setHeader(MqttHeaders.TOPIC, topic)
			.setHeader(MqttHeaders.QOS, message.getQos())
			.setHeader(MqttHeaders.RETAINED, message.isRetained())
			.setHeader(MqttHeaders.DUPLICATE, message.isDuplicate());
		builder.setHeaderIfAbsent(MqttHeaders.RESPONSE_TOPIC, properties.responseTopic());
		builder.setHeaderIfAbsent(MqttHeaders.CORRELATION_DATA, properties.correlationData());
		builder.setHeaderIfAbsent(MqttHeaders.CONTENT_TYPE, properties.contentType());
		builder.setHeaderIfAbsent(MqttHeaders.MESSAGE_EXPIRY_INTERVAL, properties.messageExpiryInterval());
		builder.setHeaderIfAbsent(MqttHeaders.PAYLOAD_FORMAT_INDICATOR, properties.payloadFormatIndicator());
		if (!properties.userProperties().isEmpty()) {
			builder.setHeader(MqttHeaders.USER_PROPERTIES, properties.userProperties());
		}
		return builder.build();
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

	private static @Nullable String contentType(@Nullable Object value) {
		if (value instanceof MimeType mimeType) {
			return mimeType.toString();
		}
		return (value != null) ? value.toString() : null;
	}

	private static @Nullable Long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : null;
	}

}
