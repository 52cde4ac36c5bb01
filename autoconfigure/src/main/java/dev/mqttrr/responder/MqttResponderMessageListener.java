package dev.mqttrr.responder;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

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
	 * Handle a request and send its reply; the request counts as ended once the broker
	 * acknowledged the reply (or it failed, or there was none), for a {@code CompletionStage}
	 * result after the stage completed. A request whose expiry passed before this point is
	 * skipped and counted.
	 */
	@Override
	public void handle(ReceivedMessage message) {
		Runnable done = once(this.work::end);
		try {
			respond(message, done);
		}
		catch (RuntimeException | Error ex) {
			done.run();
			throw ex;
		}
	}

	private void respond(ReceivedMessage message, Runnable done) {
		if (message.isExpired()) {
			// Its caller has stopped waiting: the work would be wasted.
			this.work.expired();
			if (logger.isDebugEnabled()) {
				logger.debug("Skipped an expired request on '" + message.topic() + "' for " + this.endpoint.methodName());
			}
			done.run();
			return;
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
					this.endpoint.qos(), done);
			return;
		}
		catch (Exception ex) {
			this.replySender.sendError(request, rootCause(ex), this.endpoint.qos(), done);
			return;
		}
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, ex) -> {
				try {
					if (ex != null) {
						this.replySender.sendError(request, rootCause(ex), this.endpoint.qos(), done);
					}
					else {
						this.replySender.sendReply(request, value, this.endpoint.qos(), false, done);
					}
				}
				catch (RuntimeException failure) {
					done.run();
					throw failure;
				}
			});
			return;
		}
		this.replySender.sendReply(request, result, this.endpoint.qos(), true, done);
	}

	private static Runnable once(Runnable action) {
		AtomicBoolean ran = new AtomicBoolean();
		return () -> {
			if (ran.compareAndSet(false, true)) {
				action.run();
			}
		};
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
