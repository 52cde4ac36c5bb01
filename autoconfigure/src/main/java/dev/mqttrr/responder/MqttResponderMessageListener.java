package dev.mqttrr.responder;

import java.util.concurrent.CompletionStage;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

import dev.mqttrr.core.MqttMessageConversionException;
import dev.mqttrr.core.MqttMessageHandler;
import dev.mqttrr.core.ReceivedMessage;
import dev.mqttrr.support.Exceptions;

/**
 * Adapts one responder method to an {@link MqttMessageHandler}: maps the MQTT message to a
 * spring-messaging message, invokes the method through {@link InvocableHandlerMethod} (argument
 * resolution and payload conversion are spring-messaging's), and hands the result or the failure to
 * the {@link MqttReplySender}.
 */
final class MqttResponderMessageListener implements MqttMessageHandler {

	private static final Log logger = LogFactory.getLog(MqttResponderMessageListener.class);

	private final MqttResponderEndpoint endpoint;

	private final InvocableHandlerMethod handlerMethod;

	private final MqttReplySender replySender;

	private final ResponderWork work;

	MqttResponderMessageListener(MqttResponderEndpoint endpoint, InvocableHandlerMethod handlerMethod,
			MqttReplySender replySender, ResponderWork work) {
		this.endpoint = endpoint;
		this.handlerMethod = handlerMethod;
		this.replySender = replySender;
		this.work = work;
	}

	/**
	 * Handle a request and hand its reply to the connection; the request counts as ended once that
	 * is over, for a {@code CompletionStage} result once the stage completed and its reply was
	 * handed over. A request whose expiry passed before this point is skipped and counted.
	 */
	@Override
	public void handle(ReceivedMessage message) {
		boolean finishesLater = false;
		try {
			finishesLater = respond(message);
		}
		finally {
			if (!finishesLater) {
				this.work.end();
			}
		}
	}

	/**
	 * Invoke the method and send its reply; return {@code true} if the reply is sent later.
	 */
	private boolean respond(ReceivedMessage message) {
		if (message.isExpired()) {
			// Its caller has stopped waiting: the work would be wasted.
			this.work.expired();
			if (logger.isDebugEnabled()) {
				logger.debug("Skipped an expired request on '" + message.topic() + "' for " + this.endpoint.methodName());
			}
			return false;
		}
		Message<byte[]> request = MqttHeaderMapper.toMessage(message);
		Object result;
		try {
			result = this.handlerMethod.invoke(request);
		}
		catch (MessageConversionException | MethodArgumentResolutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			this.replySender.sendError(request, new MqttMessageConversionException("Could not read the request on '"
					+ message.topic() + "' for " + this.endpoint.methodName() + ": " + cause.getMessage(), ex),
					this.endpoint.qos());
			return false;
		}
		catch (Exception ex) {
			this.replySender.sendError(request, rootCause(ex), this.endpoint.qos());
			return false;
		}
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, ex) -> {
				try {
					if (ex != null) {
						this.replySender.sendError(request, rootCause(ex), this.endpoint.qos());
					}
					else {
						this.replySender.sendReply(request, value, this.endpoint.qos(), false);
					}
				}
				finally {
					this.work.end();
				}
			});
			return true;
		}
		this.replySender.sendReply(request, result, this.endpoint.qos(), true);
		return false;
	}

	MqttResponderEndpoint getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Return the exception the method threw: spring-messaging wraps it in a plain
	 * {@link MessagingException}, futures in their own wrappers.
	 */
	private static Throwable rootCause(Throwable ex) {
		Throwable cause = Exceptions.unwrap(ex);
		while (cause.getClass() == MessagingException.class && cause.getCause() != null) {
			cause = Exceptions.unwrap(cause.getCause());
		}
		return cause;
	}

}
