package dev.mqttrr.responder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.MimeType;

import dev.mqttrr.core.ErrorReplies;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttConnection.PublishCallback;
import dev.mqttrr.core.MqttPayloadConverter;
import dev.mqttrr.core.MqttPayloadTooLargeException;
import dev.mqttrr.core.MqttRequestResponseException;
import dev.mqttrr.core.OutgoingMessage;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.UserProperty;
import dev.mqttrr.core.observation.TracePropagationFields;
import dev.mqttrr.responder.observation.MqttTraceContextInjector;
import dev.mqttrr.support.MqttHeaders;
import dev.mqttrr.support.RateLimitedLog;

/**
 * The one reply path: build the reply from a responder's result, copy the request's correlation
 * data, resolve the destination (the request's response topic), send. Also sends error replies.
 */
final class MqttReplySender {

	private static final Log logger = LogFactory.getLog(MqttReplySender.class);

	private static final RateLimitedLog peerFailures = new RateLimitedLog(logger, Duration.ofMinutes(1));

	/** The longest a responder thread waits for an in-flight slot to send a reply. */
	private static final Duration SLOT_WAIT = Duration.ofSeconds(30);

	private final MqttConnection connection;

	private final MqttPayloadConverter payloadConverter;

	private volatile @Nullable MqttTraceContextInjector traceContextInjector;

	MqttReplySender(MqttConnection connection, MqttPayloadConverter payloadConverter) {
		this.connection = connection;
		this.payloadConverter = payloadConverter;
	}

	/** Set what writes the current trace context into replies; {@code null} writes none. */
	void setTraceContextInjector(@Nullable MqttTraceContextInjector traceContextInjector) {
		this.traceContextInjector = traceContextInjector;
	}

	/**
	 * Send a responder's result as the reply to a request. Nothing is sent for a {@code null}
	 * result or a request without a response topic. With {@code waitHere} the calling thread (a
	 * responder thread, never the connection's I/O thread) waits for an in-flight slot and
	 * publishes itself, which spares a hand-off per reply when the broker's Receive Maximum is
	 * reached. {@code handedOver} runs when the client library took the reply to send;
	 * {@code done} runs once, when the broker acknowledged the reply, the reply failed, or there was
	 * none to send.
	 */
	void sendReply(Message<byte[]> request, @Nullable Object result, int qos, boolean waitHere, Runnable handedOver,
			Runnable done) {
		RequestInfo info = RequestInfo.of(request);
		if (result == null || info.responseTopic() == null) {
			done.run();
			return;
		}
		OutgoingMessage reply;
		try {
			reply = reply(info, result, qos);
		}
		catch (RuntimeException ex) {
			sendError(request, ex, qos, handedOver, done);
			return;
		}
		send(reply, waitHere, handedOver, (code, failure) -> {
			if (failure instanceof MqttPayloadTooLargeException tooLarge) {
				// The caller would otherwise wait out its timeout: tell it why instead.
				sendError(request, tooLarge, qos, handedOver, done);
				return;
			}
			if (failure != null) {
				couldNotSend(info, failure);
			}
			done.run();
		});
	}

	/**
	 * Send an error reply ({@code application/problem+json}) for a request whose handling failed;
	 * {@code handedOver} and {@code done} run as for {@link #sendReply}.
	 */
	void sendError(Message<byte[]> request, Throwable failure, int qos, Runnable handedOver, Runnable done) {
		RequestInfo info = RequestInfo.of(request);
		if (info.responseTopic() == null) {
			// Keyed by nothing a peer chooses: a wildcard filter lets it choose the request topic.
			peerFailures.warn("failed without response topic " + failure.getClass().getName(), "Responder for '"
					+ MqttResponderMessageListener.printable(info.topic())
					+ "' failed on a request without a response topic: "
					+ MqttResponderMessageListener.printable(String.valueOf(failure)));
			done.run();
			return;
		}
		sendProblem(info, ErrorReplies.toJson(failure, info.topic()), qos, handedOver, done);
	}

	/**
	 * Send a problem-details reply that is already written, such as a busy reply; nothing for a
	 * request without a response topic. {@code handedOver} and {@code done} run as for
	 * {@link #sendReply}.
	 */
	void sendProblem(Message<byte[]> request, byte[] problem, int qos, Runnable handedOver, Runnable done) {
		RequestInfo info = RequestInfo.of(request);
		if (info.responseTopic() == null) {
			done.run();
			return;
		}
		sendProblem(info, problem, qos, handedOver, done);
	}

	private void sendProblem(RequestInfo info, byte[] problem, int qos, Runnable handedOver, Runnable done) {
		PublishProperties properties = PublishProperties.ofReply(ErrorReplies.CONTENT_TYPE, info.correlationData());
		send(new OutgoingMessage(info.responseTopic(), problem, qos, properties), false, handedOver, (code, ex) -> {
			if (ex != null) {
				couldNotSend(info, ex);
			}
			done.run();
		});
	}

	private OutgoingMessage reply(RequestInfo info, Object result, int qos) {
		if (!(result instanceof Message<?> message)) {
			MqttPayloadConverter.Payload converted = this.payloadConverter.toPayload(result, null);
			return new OutgoingMessage(info.responseTopic(), converted.bytes(), qos,
					PublishProperties.ofReply(converted.contentType().toString(), info.correlationData()));
		}
		PublishProperties given = MqttHeaderMapper.toProperties(message.getHeaders());
		MqttPayloadConverter.Payload converted = this.payloadConverter.toPayload(message.getPayload(),
				(given.contentType() != null) ? MimeType.valueOf(given.contentType()) : null);
		PublishProperties properties = given.toBuilder()
			.userProperties(withoutTraceFields(given.userProperties()))
			.responseTopic(null)
			.contentType(converted.contentType().toString())
			.correlationData(info.correlationData())
			.build();
		return new OutgoingMessage(info.responseTopic(), converted.bytes(), qos, properties);
	}

	/**
	 * Drop trace context fields from a reply built from headers: those a responder copied from its
	 * request are the caller's, and a reply must carry the responder's own or none.
	 */
	private static List<UserProperty> withoutTraceFields(List<UserProperty> userProperties) {
		if (userProperties.isEmpty()) {
			return userProperties;
		}
		List<UserProperty> kept = new ArrayList<>(userProperties.size());
		for (UserProperty property : userProperties) {
			if (!TracePropagationFields.W3C.contains(property.name())) {
				kept.add(property);
			}
		}
		return kept;
	}

	/**
	 * Return the reply with the current trace context (the responder's, as the reply is sent in
	 * its observation's scope) in its user properties.
	 */
	private OutgoingMessage withTraceContext(OutgoingMessage reply) {
		MqttTraceContextInjector injector = this.traceContextInjector;
		if (injector == null) {
			return reply;
		}
		List<UserProperty> fields = new ArrayList<>(3);
		injector.inject((name, value) -> fields.add(new UserProperty(name, value)));
		if (fields.isEmpty()) {
			return reply;
		}
		List<UserProperty> userProperties = new ArrayList<>(reply.properties().userProperties().size() + 3);
		for (UserProperty property : reply.properties().userProperties()) {
			if (fields.stream().noneMatch((field) -> field.name().equals(property.name()))) {
				userProperties.add(property);
			}
		}
		userProperties.addAll(fields);
		return new OutgoingMessage(reply.topic(), reply.payload(), reply.qos(),
				reply.properties().toBuilder().userProperties(userProperties).build());
	}

	private void send(OutgoingMessage message, boolean waitHere, Runnable handedOver, PublishCallback outcome) {
		OutgoingMessage reply = withTraceContext(message);
		PublishCallback callback = new PublishCallback() {

			@Override
			public void published(int reasonCode, @Nullable MqttRequestResponseException failure) {
				outcome.published(reasonCode, failure);
			}

			@Override
			public void handedOver() {
				handedOver.run();
			}

		};
		if (waitHere) {
			this.connection.publishWaitingHere(reply, SLOT_WAIT, () -> false, callback);
		}
		else {
			this.connection.publish(reply, callback);
		}
	}

	/**
	 * A reply that could not be sent: the connection was lost (the caller learns it from its own
	 * connection, or times out), or the broker refused it (a response topic the requester chose
	 * and this client may not publish to). Neither is this application's fault, and a peer can
	 * cause the second at any rate: WARN, rate-limited, without a stack trace.
	 */
	private static void couldNotSend(RequestInfo info, Throwable failure) {
		// Keyed by nothing a peer chooses: it chooses the response topic, and the request topic
		// under a wildcard filter.
		peerFailures.warn("reply not sent " + failure.getClass().getName(),
				"Could not send the reply for '" + MqttResponderMessageListener.printable(info.topic()) + "' to '"
						+ MqttResponderMessageListener.printable(String.valueOf(info.responseTopic())) + "': "
						+ MqttResponderMessageListener.printable(String.valueOf(failure.getMessage())));
	}

	private record RequestInfo(String topic, @Nullable String responseTopic, byte @Nullable [] correlationData) {

		static RequestInfo of(Message<byte[]> request) {
			MessageHeaders headers = request.getHeaders();
			return new RequestInfo(String.valueOf(headers.get(MqttHeaders.TOPIC)),
					headers.get(MqttHeaders.RESPONSE_TOPIC, String.class),
					headers.get(MqttHeaders.CORRELATION_DATA, byte[].class));
		}

	}

}
