package dev.mqttrr.responder;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.util.MimeType;

import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.ReceivedMessage;
import dev.mqttrr.core.UserProperty;
import dev.mqttrr.support.MqttHeaders;

/**
 * The one place that maps MQTT 5 messages and properties to spring-messaging headers (names in
 * {@link MqttHeaders}) and back.
 */
final class MqttHeaderMapper {

	private MqttHeaderMapper() {
	}

	/**
	 * Turn a received MQTT message into a spring-messaging message with its properties as headers.
	 * The headers carry no generated id or timestamp: nothing reads them, and a random UUID per
	 * request is a cost on the hot path.
	 */
	static Message<byte[]> toMessage(ReceivedMessage message) {
		return new GenericMessage<>(message.payload(), new ReceivedHeaders(message));
	}

	/**
	 * Read the MQTT 5 properties that a message's headers carry, for publishing it.
	 */
	@SuppressWarnings("unchecked")
	static PublishProperties toProperties(MessageHeaders headers) {
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

		ReceivedHeaders(ReceivedMessage message) {
			super(null, ID_VALUE_NONE, -1L);
			Map<String, Object> headers = getRawHeaders();
			headers.put(MqttHeaders.TOPIC, message.topic());
			headers.put(MqttHeaders.QOS, message.qos());
			headers.put(MqttHeaders.RETAINED, message.retained());
			headers.put(MqttHeaders.DUPLICATE, message.duplicate());
			PublishProperties properties = message.properties();
			putIfNotNull(headers, MqttHeaders.RESPONSE_TOPIC, properties.responseTopic());
			putIfNotNull(headers, MqttHeaders.CORRELATION_DATA, properties.correlationData());
			putIfNotNull(headers, MqttHeaders.CONTENT_TYPE, properties.contentType());
			putIfNotNull(headers, MqttHeaders.MESSAGE_EXPIRY_INTERVAL, properties.messageExpiryInterval());
			putIfNotNull(headers, MqttHeaders.PAYLOAD_FORMAT_INDICATOR, properties.payloadFormatIndicator());
			if (!properties.userProperties().isEmpty()) {
				headers.put(MqttHeaders.USER_PROPERTIES, properties.userProperties());
			}
		}
	}

}
