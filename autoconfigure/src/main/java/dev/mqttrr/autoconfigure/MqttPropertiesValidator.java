package dev.mqttrr.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

import dev.mqttrr.core.MqttInvalidTopicException;
import dev.mqttrr.core.MqttTopics;

/**
 * The rules of the {@code mqtt.*} properties, checked when Spring Boot binds them: a wrong value
 * fails start-up with Boot's binding report, which names the property, its value, where it was set
 * and the reason given here. Without it the value would fail later, in whatever uses it, with that
 * code's message.
 * <p>
 * Boot checks each nested group where it is bound ({@code mqtt.request} as a {@link MqttProperties.Request}),
 * so each check looks only at its own group's fields. Field names are the Java ones, as in Boot's
 * report for Bean Validation: that is what lets Boot add the property's origin.
 */
final class MqttPropertiesValidator {

	/** The URL schemes Paho has a network module for. */
	static final Set<String> SCHEMES = Set.of("tcp", "ssl", "ws", "wss");

	private static final String EXAMPLE = "such as tcp://localhost:1883";

	/** The largest MQTT 5 Session Expiry Interval; it means the session never expires. */
	private static final long MAX_SESSION_EXPIRY_SECONDS = 0xFFFFFFFFL;

	/** The largest MQTT Keep Alive, a two-byte integer of seconds. */
	private static final long MAX_KEEP_ALIVE_SECONDS = 65535;

	private static final int MAX_CLIENT_ID_BYTES = 65535;

	private MqttPropertiesValidator() {
	}

	/** Return whether the type is {@link MqttProperties} or one of its nested groups. */
	static boolean supports(Class<?> type) {
		return MqttProperties.class.isAssignableFrom(type) || type == MqttProperties.Reconnect.class
				|| type == MqttProperties.Request.class || type == MqttProperties.Responder.class
				|| type == MqttProperties.Embedded.class;
	}

	/** Check the fields of the properties, or of the nested group, that Boot just bound. */
	static void validate(Object target, Errors errors) {
		if (target instanceof MqttProperties properties) {
			validateConnection(properties, errors);
		}
		else if (target instanceof MqttProperties.Reconnect reconnect) {
			validateReconnect(reconnect, errors);
		}
		else if (target instanceof MqttProperties.Request request) {
			validateRequest(request, errors);
		}
		else if (target instanceof MqttProperties.Responder responder) {
			validateResponder(responder, errors);
		}
		else if (target instanceof MqttProperties.Embedded embedded) {
			validateEmbedded(embedded, errors);
		}
	}

	private static void validateConnection(MqttProperties properties, Errors errors) {
		String urlProblem = urlProblem(properties.getUrl());
		if (urlProblem != null) {
			errors.rejectValue("url", "invalid", urlProblem);
		}
		String clientId = properties.getClientId();
		if (clientId != null && clientId.getBytes(StandardCharsets.UTF_8).length > MAX_CLIENT_ID_BYTES) {
			errors.rejectValue("clientId", "invalid", "must be at most " + MAX_CLIENT_ID_BYTES + " bytes in UTF-8");
		}
		checkSeconds(errors, "sessionExpiry", properties.getSessionExpiry(), 0, MAX_SESSION_EXPIRY_SECONDS,
				"0 ends the session with the connection, " + MAX_SESSION_EXPIRY_SECONDS + " s keeps it for good");
		checkSeconds(errors, "keepAlive", properties.getKeepAlive(), 0, MAX_KEEP_ALIVE_SECONDS,
				"MQTT counts it in whole seconds in two bytes; 0 turns keep-alive off");
		checkPositive(errors, "connectionTimeout", properties.getConnectionTimeout());
	}

	private static void validateReconnect(MqttProperties.Reconnect reconnect, Errors errors) {
		if (reconnect.getInitialDelay().isNegative()) {
			errors.rejectValue("initialDelay", "invalid", "must not be negative");
		}
		else if (reconnect.getMaxDelay().compareTo(reconnect.getInitialDelay()) < 0) {
			errors.rejectValue("maxDelay", "invalid",
					"must not be less than mqtt.reconnect.initial-delay (" + reconnect.getInitialDelay() + ")");
		}
	}

	private static void validateRequest(MqttProperties.Request request, Errors errors) {
		checkPositive(errors, "timeout", request.getTimeout());
		checkQos(errors, "qos", request.getQos());
		if (request.getMaxPending() < 1) {
			errors.rejectValue("maxPending", "invalid", "must be at least 1");
		}
		String prefix = request.getReplyTopicPrefix();
		if (prefix.contains("+") || prefix.contains("#")) {
			errors.rejectValue("replyTopicPrefix", "invalid",
					"must not contain the wildcards + or #: replies are published to it, such as mqttrr/replies/");
		}
		else if (prefix.startsWith("$")) {
			errors.rejectValue("replyTopicPrefix", "invalid",
					"must not start with '$': such topics are the broker's ($SYS) or name shared subscriptions "
							+ "($share); use a topic of your own, such as mqttrr/replies/");
		}
	}

	private static void validateResponder(MqttProperties.Responder responder, Errors errors) {
		if (responder.getConcurrency() < 1) {
			errors.rejectValue("concurrency", "invalid", "must be at least 1: the threads that run responder methods");
		}
		if (responder.getQueueCapacity() < 0) {
			errors.rejectValue("queueCapacity", "invalid",
					"must be 0 or more: the requests each responder may have waiting for a thread");
		}
		if (responder.getMaxPayloadSize() == null || responder.getMaxPayloadSize().toBytes() < 1) {
			errors.rejectValue("maxPayloadSize", "invalid",
					"must be at least 1B: the largest request payload a responder reads, such as 1MB");
		}
		String filterProblem = filterProblem(responder.getAllowedResponseTopics());
		if (filterProblem != null) {
			errors.rejectValue("allowedResponseTopics", "invalid", filterProblem);
		}
	}

	private static void validateEmbedded(MqttProperties.Embedded embedded, Errors errors) {
		if (embedded.getHost().isBlank()) {
			errors.rejectValue("host", "invalid", "must not be empty: the address to bind, such as 127.0.0.1");
		}
		if (embedded.getPort() < 0 || embedded.getPort() > 65535) {
			errors.rejectValue("port", "invalid", "must be between 0 and 65535; 0 picks a free port");
		}
	}

	/**
	 * Return what is wrong with a broker URL, or {@code null} when Paho can connect with it.
	 */
	static @Nullable String urlProblem(String url) {
		int separator = url.indexOf("://");
		if (separator <= 0) {
			return "must start with tcp://, ssl://, ws:// or wss:// and name the broker's host, " + EXAMPLE;
		}
		String scheme = url.substring(0, separator).toLowerCase(Locale.ROOT);
		if (!SCHEMES.contains(scheme)) {
			return "has the scheme " + scheme + "://; the allowed schemes are tcp://, ssl:// (TLS), ws:// and "
					+ "wss:// (WebSocket), " + EXAMPLE;
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			return "is not a valid URL (" + ex.getMessage() + "); use scheme://host:port, " + EXAMPLE;
		}
		if (uri.getHost() == null) {
			return "names no host; use scheme://host:port, " + EXAMPLE;
		}
		if (uri.getPort() == 0 || uri.getPort() > 65535) {
			return "has the port " + uri.getPort() + "; a port is between 1 and 65535";
		}
		boolean socket = scheme.equals("tcp") || scheme.equals("ssl");
		if (socket && uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
			return "must not have a path with " + scheme + "://; only ws:// and wss:// URLs have one";
		}
		return null;
	}

	private static @Nullable String filterProblem(List<String> filters) {
		for (String filter : filters) {
			try {
				MqttTopics.validateTopicFilter(filter, "filter");
			}
			catch (MqttInvalidTopicException ex) {
				return "'" + filter + "' is not a topic filter: " + ex.getMessage();
			}
		}
		return null;
	}

	private static void checkQos(Errors errors, String field, int qos) {
		if (qos < 0 || qos > 2) {
			errors.rejectValue(field, "invalid", "must be 0, 1 or 2");
		}
	}

	private static void checkPositive(Errors errors, String field, Duration value) {
		if (value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "invalid", "must be positive");
		}
	}

	private static void checkSeconds(Errors errors, String field, Duration value, long min, long max, String hint) {
		if (value.getSeconds() < min || value.getSeconds() > max
				|| (value.getSeconds() == max && value.getNano() > 0)) {
			errors.rejectValue(field, "invalid", "must be between " + min + " and " + max + " seconds (" + hint + ")");
		}
	}

}
