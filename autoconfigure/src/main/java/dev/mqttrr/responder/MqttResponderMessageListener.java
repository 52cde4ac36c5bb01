package dev.mqttrr.responder;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.eclipse.paho.mqttv5.common.MqttMessage;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

import dev.mqttrr.core.MqttMessageConversionException;
import dev.mqttrr.core.MqttMessageHandler;
import dev.mqttrr.support.MqttHeaderMapper;

/**
 * Adapts one responder method to an {@link MqttMessageHandler}: maps the MQTT message to a
 * spring-messaging message, invokes the method through {@link InvocableHandlerMethod} (argument
 * resolution and payload conversion are spring-messaging's), and hands the result or the failure to
 * the {@link MqttReplySender}.
 */
public class MqttResponderMessageListener implements MqttMessageHandler {

	private final MqttResponderEndpoint endpoint;

	private final InvocableHandlerMethod handlerMethod;

	private final MqttReplySender replySender;

	/**
	 * Create a listener.
	 * @param endpoint the endpoint
	 * @param handlerMethod the method, ready to invoke
	 * @param replySender sends replies
	 */
	public MqttResponderMessageListener(MqttResponderEndpoint endpoint, InvocableHandlerMethod handlerMethod,
			MqttReplySender replySender) {
		this.endpoint = endpoint;
		this.handlerMethod = handlerMethod;
		this.replySender = replySender;
	}

	@Override
	public void handle(String topic, MqttMessage mqttMessage) {
		Message<byte[]> request = MqttHeaderMapper.toMessage(topic, mqttMessage);
		Object result;
		try {
			result = this.handlerMethod.invoke(request);
		}
		catch (MessageConversionException | MethodArgumentResolutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			this.replySender.sendError(request, new MqttMessageConversionException("Could not read the request on '"
					+ topic + "' for " + this.endpoint.methodName() + ": " + cause.getMessage(), ex),
					this.endpoint.qos());
			return;
		}
		catch (Exception ex) {
			this.replySender.sendError(request, rootCause(ex), this.endpoint.qos());
			return;
		}
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, ex) -> {
				if (ex != null) {
					this.replySender.sendError(request, rootCause(ex), this.endpoint.qos());
				}
				else {
					this.replySender.sendReply(request, value, this.endpoint.qos());
				}
			});
		}
		else {
			this.replySender.sendReply(request, result, this.endpoint.qos(), true);
		}
	}

	/**
	 * Return the endpoint this listener serves.
	 * @return the endpoint
	 */
	public MqttResponderEndpoint getEndpoint() {
		return this.endpoint;
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && (cause instanceof CompletionException || cause instanceof ExecutionException
				|| cause instanceof InvocationTargetException
				|| (cause instanceof MessagingException && cause.getClass() == MessagingException.class))) {
			cause = cause.getCause();
		}
		return cause;
	}

}
