package dev.mqttrr.core;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.MimeType;

/**
 * The wire format of error replies: content type {@code application/problem+json} and an RFC 9457
 * problem-details body with {@code type}, {@code title}, {@code detail} and {@code instance}. Any
 * peer can produce or read it; this is the one place mqtt-rr writes and parses it.
 */
public final class ErrorReplies {

	/** The content type of an error reply. */
	public static final String CONTENT_TYPE = "application/problem+json";

	/** The prefix of the problem type of a Java responder's exception; the class name follows. */
	public static final String TYPE_PREFIX = "urn:mqttrr:error:";

	/**
	 * The problem type of a busy reply: the responder took no more requests and did not run the
	 * method; the caller may try again. Read as {@link MqttResponderBusyException}.
	 */
	public static final String BUSY_TYPE = "urn:mqttrr:busy";

	/**
	 * The problem type of the reply to a request whose payload is larger than the responder
	 * reads ({@code mqtt.responder.max-payload-size} on a Java responder); the method was not
	 * called.
	 */
	public static final String REQUEST_TOO_LARGE_TYPE = "urn:mqttrr:request-too-large";

	private static final MimeType PROBLEM_JSON = MimeType.valueOf(CONTENT_TYPE);

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private ErrorReplies() {
	}

	/**
	 * Return whether a content type is that of an error reply.
	 * @param contentType the content type, may be {@code null}
	 * @return {@code true} for {@code application/problem+json}, with or without parameters
	 */
	public static boolean isErrorReply(@Nullable String contentType) {
		if (contentType == null || !contentType.regionMatches(true, 0, CONTENT_TYPE, 0, CONTENT_TYPE.length())) {
			return false;
		}
		try {
			return PROBLEM_JSON.equalsTypeAndSubtype(MimeType.valueOf(contentType));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Write a problem-details body.
	 * @param type the problem type, may be {@code null}
	 * @param title a short summary
	 * @param detail what went wrong this time, may be {@code null}
	 * @param instance the request topic, may be {@code null}
	 * @return the JSON body, UTF-8
	 */
	public static byte[] toJson(@Nullable String type, String title, @Nullable String detail, @Nullable String instance) {
		Map<String, String> problem = new LinkedHashMap<>();
		if (type != null) {
			problem.put("type", type);
		}
		problem.put("title", title);
		if (detail != null) {
			problem.put("detail", detail);
		}
		if (instance != null) {
			problem.put("instance", instance);
		}
		return MAPPER.writeValueAsBytes(problem);
	}

	/**
	 * Write the problem-details body for an exception thrown by a responder: the type names the
	 * exception's class, the title is its simple name, the detail its message.
	 * @param ex the exception
	 * @param requestTopic the topic of the request that failed
	 * @return the JSON body, UTF-8
	 */
	public static byte[] toJson(Throwable ex, String requestTopic) {
		return toJson(TYPE_PREFIX + ex.getClass().getName(), ex.getClass().getSimpleName(), ex.getMessage(),
				requestTopic);
	}

	/**
	 * Write the problem-details body of a busy reply.
	 * @param detail what the responder could not take
	 * @param requestTopic the topic of the request refused
	 * @return the JSON body, UTF-8
	 */
	public static byte[] busy(String detail, String requestTopic) {
		return toJson(BUSY_TYPE, "Responder busy", detail, requestTopic);
	}

	/**
	 * Parse an error reply into the exception the requester sees: a
	 * {@link MqttResponderBusyException} for a busy reply. A body that is not problem details
	 * still yields an exception, with the body as its detail.
	 * @param reply the error reply
	 * @param requestTopic the topic of the request it answers
	 * @return the exception
	 */
	public static MqttResponderException toException(MqttReply reply, String requestTopic) {
		try {
			JsonNode node = MAPPER.readTree(reply.payload());
			if (node != null && node.isObject()) {
				String title = text(node, "title");
				if (BUSY_TYPE.equals(text(node, "type"))) {
					return new MqttResponderBusyException(requestTopic, (title != null) ? title : "Responder busy",
							text(node, "detail"), text(node, "instance"), reply);
				}
				return new MqttResponderException(requestTopic, text(node, "type"),
						(title != null) ? title : "Responder error", text(node, "detail"), text(node, "instance"),
						reply);
			}
		}
		catch (JacksonException ex) {
			// Not JSON: fall through and report the raw body.
		}
		return new MqttResponderException(requestTopic, null, "Responder error",
				new String(reply.payload(), StandardCharsets.UTF_8), null, reply);
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

}
