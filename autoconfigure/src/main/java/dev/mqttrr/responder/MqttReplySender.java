package dev.mqttrr.responder;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.util.MimeType;

import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttPayloadTooLargeException;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.support.ErrorReplies;
import dev.mqttrr.support.MqttHeaderMapper;
import dev.mqttrr.support.MqttHeaders;
import dev.mqttrr.support.MqttPayloadConverter;
import dev.mqttrr.support.MqttPropertiesMapper;

/**
 * The one reply path: build the reply from a responder's result, copy the request's correlation
 * data, resolve the destination (the request's response topic), send. Also sends error replies.
 */
public class MqttReplySender {

	private static final Log logger = LogFactory.getLog(MqttReplySender.class);

	/** The longest a responder thread waits for an in-flight slot to send a reply. */
	private static final Duration SLOT_WAIT = Duration.ofSeconds(30);

	private final MqttConnection connection;

	private final MqttPayloadConverter payloadConverter;

	/**
	 * Create a reply sender.
	 * @param connection the connection to publish on
	 * @param payloadConverter converts results to payloads
	 */
	public MqttReplySender(MqttConnection connection, MqttPayloadConverter payloadConverter) {
		this.connection = connection;
		this.payloadConverter = payloadConverter;
	}

	/**
	 * Send a responder's result as the reply to a request. Nothing is sent for a {@code null}
	 * result or a request without a response topic.
	 * @param request the request
	 * @param result the result: bytes, a string, a {@code Message<?>} or an object to write as JSON
	 * @param qos the QoS of the reply
	 */
	public void sendReply(Message<byte[]> request, @Nullable Object result, int qos) {
		sendReply(request, result, qos, false);
	}

	/**
	 * Send a responder's result as the reply to a request, like
	 * {@link #sendReply(Message, Object, int)}; with {@code waitHere} the calling thread (a
	 * responder thread, never Paho's) waits for an in-flight slot and publishes itself, which
	 * spares a hand-off per reply when the broker's Receive Maximum is reached.
	 * @param request the request
	 * @param result the result
	 * @param qos the QoS of the reply
	 * @param waitHere whether the calling thread may wait for an in-flight slot
	 */
	public void sendReply(Message<byte[]> request, @Nullable Object result, int qos, boolean waitHere) {
		RequestInfo info = RequestInfo.of(request);
		if (result == null || info.responseTopic() == null) {
			return;
		}
		MqttProperties properties;
		byte[] payload;
		try {
			if (result instanceof Message<?> message) {
				PublishProperties given = MqttHeaderMapper.toProperties(message.getHeaders());
				MqttPayloadConverter.Payload converted = this.payloadConverter.toPayload(message.getPayload(),
						(given.contentType() != null) ? MimeType.valueOf(given.contentType()) : null);
				properties = MqttPropertiesMapper.toPaho(given.toBuilder()
					.responseTopic(null)
					.contentType(converted.contentType().toString())
					.correlationData(info.correlationData())
					.build());
				payload = converted.bytes();
			}
			else {
				MqttPayloadConverter.Payload converted = this.payloadConverter.toPayload(result, null);
				properties = MqttPropertiesMapper.toPaho(converted.contentType().toString(), info.correlationData());
				payload = converted.bytes();
			}
		}
		catch (RuntimeException ex) {
			sendError(request, ex, qos);
			return;
		}
		send(info, payload, properties, qos, waitHere, (ex) -> sendError(request, ex, qos));
	}

	/**
	 * Send an error reply ({@code application/problem+json}) for a request whose handling failed.
	 * @param request the request
	 * @param failure why handling failed
	 * @param qos the QoS of the reply
	 */
	public void sendError(Message<byte[]> request, Throwable failure, int qos) {
		RequestInfo info = RequestInfo.of(request);
		if (info.responseTopic() == null) {
			logger.warn("Responder for '" + info.topic() + "' failed on a request without a response topic: "
					+ failure, failure);
			return;
		}
		send(info, ErrorReplies.toJson(failure, info.topic()),
				MqttPropertiesMapper.toPaho(ErrorReplies.CONTENT_TYPE, info.correlationData()), qos, false, null);
	}

	private void send(RequestInfo info, byte[] payload, MqttProperties properties, int qos, boolean waitHere,
			@Nullable Consumer<Throwable> onTooLarge) {
		String responseTopic = info.responseTopic();
		MqttMessage message = new MqttMessage(payload, qos, false, properties);
		CompletableFuture<Integer> ack = waitHere
				? this.connection.publishWaitingHere(responseTopic, message, SLOT_WAIT)
				: this.connection.publish(responseTopic, message);
		ack.whenComplete((code, ex) -> {
			if (ex instanceof MqttPayloadTooLargeException tooLarge && onTooLarge != null) {
				// The caller would otherwise wait out its timeout: tell it why instead.
				onTooLarge.accept(tooLarge);
			}
			else if (ex != null) {
				logger.error("Could not send the reply for '" + info.topic() + "' to '" + responseTopic + "': "
						+ ex.getMessage());
			}
		});
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
