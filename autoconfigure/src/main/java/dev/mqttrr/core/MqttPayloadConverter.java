package dev.mqttrr.core;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.converter.SmartMessageConverter;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * Converts between objects and MQTT payloads with a spring-messaging {@link MessageConverter},
 * choosing the content type by the object: bytes pass through as
 * {@code application/octet-stream}, strings become {@code text/plain}, everything else JSON. The one
 * place that both the request template and the responder reply path convert through.
 */
public final class MqttPayloadConverter {

	/** The content type of byte payloads. */
	public static final MimeType OCTET_STREAM = MimeTypeUtils.APPLICATION_OCTET_STREAM;

	/** The content type of string payloads. */
	public static final MimeType TEXT_PLAIN = new MimeType("text", "plain", StandardCharsets.UTF_8);

	/** The content type of object payloads. */
	public static final MimeType JSON = MimeTypeUtils.APPLICATION_JSON;

	private final MessageConverter messageConverter;

	/**
	 * Create a converter over the given message converter.
	 * @param messageConverter converts payloads, typically a composite of byte array, string and
	 * JSON converters
	 */
	public MqttPayloadConverter(MessageConverter messageConverter) {
		this.messageConverter = messageConverter;
	}

	/**
	 * Return the underlying message converter.
	 * @return the message converter
	 */
	public MessageConverter getMessageConverter() {
		return this.messageConverter;
	}

	/**
	 * Return the content type an object is sent with when none is given.
	 * @param value the object
	 * @return the content type
	 */
	public static MimeType defaultContentType(Object value) {
		if (value instanceof byte[]) {
			return OCTET_STREAM;
		}
		return (value instanceof CharSequence) ? TEXT_PLAIN : JSON;
	}

	/**
	 * Convert an object to a payload.
	 * @param value the object
	 * @param contentType the content type to write, or {@code null} for the default of the object
	 * @return the payload and the content type it was written with
	 */
	public Payload toPayload(Object value, @Nullable MimeType contentType) {
		MimeType type = (contentType != null) ? contentType : defaultContentType(value);
		if (value instanceof byte[] bytes) {
			return new Payload(bytes, type);
		}
		Message<?> message;
		try {
			message = this.messageConverter.toMessage(value, new MessageHeaders(Map.of(MessageHeaders.CONTENT_TYPE, type)));
		}
		catch (MessageConversionException ex) {
			throw new MqttMessageConversionException("Could not write " + value.getClass().getName() + " as " + type
					+ ": " + ex.getMessage(), ex);
		}
		if (message == null || !(message.getPayload() instanceof byte[] bytes)) {
			throw new MqttMessageConversionException("No message converter writes " + value.getClass().getName()
					+ " as " + type + ". Send byte[], String, or an object Jackson can serialise.", null);
		}
		return new Payload(bytes, type);
	}

	/**
	 * Convert a payload to an object of the given type.
	 * @param <T> the target type
	 * @param payload the payload
	 * @param contentType the payload's content type, or {@code null} when absent
	 * @param targetType the type to convert to
	 * @param origin where the payload came from, for messages
	 * @return the object
	 */
	@SuppressWarnings("unchecked")
	public <T> T fromPayload(byte[] payload, @Nullable String contentType, Type targetType, String origin) {
		Class<?> rawType = ResolvableType.forType(targetType).toClass();
		if (rawType == byte[].class) {
			return (T) payload;
		}
		MessageBuilder<byte[]> builder = MessageBuilder.withPayload(payload);
		if (contentType != null) {
			builder.setHeader(MessageHeaders.CONTENT_TYPE, contentType);
		}
		Message<byte[]> message = builder.build();
		Object result;
		try {
			result = (targetType instanceof Class<?> || !(this.messageConverter instanceof SmartMessageConverter smart))
					? this.messageConverter.fromMessage(message, rawType)
					: smart.fromMessage(message, rawType, GenericTypeHint.of(targetType));
		}
		catch (MessageConversionException ex) {
			throw new MqttMessageConversionException("Could not read the payload of " + origin + " (content type "
					+ contentType + ") as " + targetType.getTypeName() + ": " + ex.getMessage(), ex);
		}
		if (result == null) {
			throw new MqttMessageConversionException("No message converter reads content type " + contentType
					+ " as " + targetType.getTypeName() + " (payload of " + origin + ")", null);
		}
		return (T) result;
	}

	/**
	 * A converted payload.
	 *
	 * @param bytes the payload bytes
	 * @param contentType the content type they were written with
	 */
	public record Payload(byte[] bytes, MimeType contentType) {
	}

	/**
	 * Carries a generic type to spring-messaging's JSON converter, which reads a generic target
	 * type only from a {@link MethodParameter} conversion hint.
	 */
	static final class GenericTypeHint extends MethodParameter {

		private static final Method TARGET;

		static {
			try {
				TARGET = GenericTypeHint.class.getDeclaredMethod("target", Object.class);
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private final Type type;

		private GenericTypeHint(Type type) {
			super(TARGET, 0);
			this.type = type;
		}

		static GenericTypeHint of(Type type) {
			return new GenericTypeHint(type);
		}

		@Override
		public Class<?> getParameterType() {
			return ResolvableType.forType(this.type).toClass();
		}

		@Override
		public Type getGenericParameterType() {
			return this.type;
		}

		@Override
		public Type getNestedGenericParameterType() {
			return this.type;
		}

		@Override
		public GenericTypeHint clone() {
			return new GenericTypeHint(this.type);
		}

		@SuppressWarnings("unused")
		private static void target(Object value) {
		}

	}

}
