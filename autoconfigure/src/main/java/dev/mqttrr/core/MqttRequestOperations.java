package dev.mqttrr.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.springframework.core.ParameterizedTypeReference;

/**
 * MQTT 5 request/response operations, implemented by {@link MqttRequestTemplate}. A request is
 * published with a response topic and correlation data; the reply is the message on the response
 * topic that carries the same correlation data.
 * <p>
 * Blocking methods throw, and the futures of the asynchronous ones complete exceptionally with,
 * subclasses of {@link MqttRequestResponseException}: {@link MqttInvalidTopicException},
 * {@link MqttRequestTimeoutException}, {@link MqttDisconnectedException},
 * {@link MqttNoSubscriberException}, {@link MqttResponderException} and
 * {@link MqttMessageConversionException}.
 */
public interface MqttRequestOperations {

	/**
	 * Send a request with the default timeout and wait for its reply.
	 * @param topic the request topic
	 * @param payload the request payload
	 * @return the reply
	 */
	MqttReply request(String topic, byte[] payload);

	/**
	 * Send a request and wait for its reply.
	 * @param topic the request topic
	 * @param payload the request payload
	 * @param timeout how long the whole call may take
	 * @return the reply
	 */
	MqttReply request(String topic, byte[] payload, Duration timeout);

	/**
	 * Send a request with the given properties and wait for its reply. A given response topic and
	 * correlation data are used as they are; every other property is forwarded unchanged.
	 * @param topic the request topic
	 * @param payload the request payload
	 * @param properties the request's MQTT 5 properties
	 * @param timeout how long the whole call may take
	 * @return the reply
	 */
	MqttReply request(String topic, byte[] payload, PublishProperties properties, Duration timeout);

	/**
	 * Send a request with the default timeout.
	 * @param topic the request topic
	 * @param payload the request payload
	 * @return a future for the reply; cancelling it abandons the request
	 */
	CompletableFuture<MqttReply> requestAsync(String topic, byte[] payload);

	/**
	 * Send a request.
	 * @param topic the request topic
	 * @param payload the request payload
	 * @param timeout how long until the future fails with {@link MqttRequestTimeoutException}
	 * @return a future for the reply; cancelling it abandons the request
	 */
	CompletableFuture<MqttReply> requestAsync(String topic, byte[] payload, Duration timeout);

	/**
	 * Send a request with the given properties.
	 * @param topic the request topic
	 * @param payload the request payload
	 * @param properties the request's MQTT 5 properties
	 * @param timeout how long until the future fails with {@link MqttRequestTimeoutException}
	 * @return a future for the reply; cancelling it abandons the request
	 */
	CompletableFuture<MqttReply> requestAsync(String topic, byte[] payload, PublishProperties properties,
			Duration timeout);

	/**
	 * Convert a request object (JSON for objects, {@code text/plain} for strings, bytes as they
	 * are), send it, and convert the reply by its content type.
	 * @param <T> the reply type
	 * @param topic the request topic
	 * @param request the request object
	 * @param replyType the type to convert the reply to
	 * @return the converted reply
	 */
	<T> T requestAndConvert(String topic, Object request, Class<T> replyType);

	/**
	 * Like {@link #requestAndConvert(String, Object, Class)} with a timeout.
	 * @param <T> the reply type
	 * @param topic the request topic
	 * @param request the request object
	 * @param replyType the type to convert the reply to
	 * @param timeout how long the whole call may take
	 * @return the converted reply
	 */
	<T> T requestAndConvert(String topic, Object request, Class<T> replyType, Duration timeout);

	/**
	 * Like {@link #requestAndConvert(String, Object, Class)} for a generic reply type such as
	 * {@code List<Quote>}.
	 * @param <T> the reply type
	 * @param topic the request topic
	 * @param request the request object
	 * @param replyType the type to convert the reply to
	 * @return the converted reply
	 */
	<T> T requestAndConvert(String topic, Object request, ParameterizedTypeReference<T> replyType);

	/**
	 * Like {@link #requestAndConvert(String, Object, ParameterizedTypeReference)} with a timeout.
	 * @param <T> the reply type
	 * @param topic the request topic
	 * @param request the request object
	 * @param replyType the type to convert the reply to
	 * @param timeout how long the whole call may take
	 * @return the converted reply
	 */
	<T> T requestAndConvert(String topic, Object request, ParameterizedTypeReference<T> replyType,
			Duration timeout);

}
