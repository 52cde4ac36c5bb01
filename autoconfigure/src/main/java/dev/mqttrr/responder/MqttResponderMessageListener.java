package dev.mqttrr.responder;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessagingException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

import dev.mqttrr.core.AcknowledgingMqttMessageHandler;
import dev.mqttrr.core.ErrorReplies;
import dev.mqttrr.core.MqttMessageConversionException;
import dev.mqttrr.core.ReceivedMessage;
import dev.mqttrr.support.Exceptions;
import dev.mqttrr.support.RateLimitedLog;

/**
 * Adapts one responder method to an {@link AcknowledgingMqttMessageHandler}: maps the MQTT message
 * to a spring-messaging message, invokes the method through {@link InvocableHandlerMethod}
 * (argument resolution and payload conversion are spring-messaging's), and hands the result or the
 * failure to the {@link MqttReplySender}. A request is acknowledged to the broker only once its
 * reply was acknowledged (or failed, or there was none): a responder that stops before that leaves
 * the request with the broker, which delivers it again to a persistent session.
 */
final class MqttResponderMessageListener implements AcknowledgingMqttMessageHandler {

	private static final Log logger = LogFactory.getLog(MqttResponderMessageListener.class);

	private static final RateLimitedLog peerFailures = new RateLimitedLog(logger, Duration.ofMinutes(1));

	/** Completes a method's stage in place of its value when the request expired first. */
	private static final Object EXPIRED = new Object();

	private final MqttResponderEndpoint endpoint;

	private final InvocableHandlerMethod handlerMethod;

	private final MqttReplySender replySender;

	private final ResponderWork work;

	private final BoundedExecutor executor;

	private final ResponseTopicPolicy responseTopics;

	private final long maxPayloadSize;

	private final ResponderObservations observations;

	MqttResponderMessageListener(MqttResponderEndpoint endpoint, InvocableHandlerMethod handlerMethod,
			MqttReplySender replySender, ResponderWork work, BoundedExecutor executor, ResponseTopicPolicy responseTopics,
			long maxPayloadSize, ResponderObservations observations) {
		this.endpoint = endpoint;
		this.handlerMethod = handlerMethod;
		this.replySender = replySender;
		this.work = work;
		this.executor = executor;
		this.responseTopics = responseTopics;
		this.maxPayloadSize = maxPayloadSize;
		this.observations = observations;
	}

	/**
	 * Return the executor requests of this responder run on: the shared responder executor,
	 * bounded for this responder.
	 * @return the executor
	 */
	BoundedExecutor getExecutor() {
		return this.executor;
	}

	/**
	 * Handle a request and send its reply. The request is acknowledged once its reply is handed
	 * to the client library (it then goes out before any later DISCONNECT, and the broker holds
	 * the request no longer than its answer takes), or once it failed or there was none; it counts
	 * as ended once the broker acknowledged the reply, for a {@code CompletionStage} result after
	 * the stage completed. A request whose expiry passed before this point is skipped and counted.
	 */
	@Override
	public void handle(ReceivedMessage message, Acknowledgement acknowledgement) {
		Runnable acknowledge = once(acknowledgement::acknowledge);
		Runnable done = once(() -> {
			// Acknowledged before the work ends: a drain that waits for the work then disconnects
			// must find the PUBACK queued ahead of the DISCONNECT.
			acknowledge.run();
			this.executor.release();
			this.work.end();
		});
		try {
			respond(message, acknowledge, done);
		}
		catch (RuntimeException | Error ex) {
			done.run();
			throw ex;
		}
	}

	private void respond(ReceivedMessage message, Runnable acknowledge, Runnable done) {
		if (message.isExpired()) {
			// Its caller has stopped waiting: the work would be wasted.
			this.work.expired();
			if (logger.isDebugEnabled()) {
				logger.debug("Skipped an expired request on '" + message.topic() + "' for " + this.endpoint.methodName());
			}
			done.run();
			return;
		}
		if (refused(message)) {
			done.run();
			return;
		}
		Observation observation = this.observations.start(message, this.endpoint);
		if (observation == null) {
			invoke(message, acknowledge, done, null);
			return;
		}
		// Ends when the reply is done, on whichever thread that is; the method and the reply's
		// publish run inside its scope, so that they see the responder's trace.
		Runnable observedDone = once(() -> {
			try {
				observation.stop();
			}
			finally {
				// Whatever a handler throws, the request's place and work must be given back.
				done.run();
			}
		});
		try (Observation.Scope scope = observation.openScope()) {
			invoke(message, acknowledge, observedDone, observation);
		}
		catch (RuntimeException | Error ex) {
			ResponderObservations.failed(observation, ex);
			observedDone.run();
			throw ex;
		}
	}

	private void invoke(ReceivedMessage message, Runnable acknowledge, Runnable done,
			@Nullable Observation observation) {
		Message<byte[]> request = MqttHeaderMapper.toMessage(message);
		if (message.payload().length > this.maxPayloadSize) {
			// Refused before anything reads it: a peer must not make this service parse what it wants.
			peerFailures.warn("request too large for " + this.endpoint.methodName(), "Responder "
					+ this.endpoint.methodName() + " refused a request on '" + printable(message.topic()) + "' of "
					+ message.payload().length + " bytes, more than mqtt.responder.max-payload-size ("
					+ this.maxPayloadSize + " bytes); the method was not called");
			this.replySender.sendProblem(request, ErrorReplies.toJson(ErrorReplies.REQUEST_TOO_LARGE_TYPE,
					"Request too large", "The request has " + message.payload().length + " bytes; this responder "
							+ "reads at most " + this.maxPayloadSize + " (mqtt.responder.max-payload-size)",
					message.topic()), this.endpoint.qos(), acknowledge, done);
			return;
		}
		Object result;
		try {
			result = this.handlerMethod.invoke(request);
		}
		catch (MessageConversionException | MethodArgumentResolutionException ex) {
			// Whatever the peer sent could not be read: its doing, not this application's.
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			peerFailures.warn("unreadable request for " + this.endpoint.methodName(), "Responder "
					+ this.endpoint.methodName() + " could not read a request on '" + printable(message.topic())
					+ "': " + printable(String.valueOf(cause.getMessage())) + "; answered with an error reply");
			ResponderObservations.failed(observation, cause);
			this.replySender.sendError(request, new MqttMessageConversionException("Could not read the request on '"
					+ message.topic() + "' for " + this.endpoint.methodName() + ": " + cause.getMessage(), ex),
					this.endpoint.qos(), acknowledge, done);
			return;
		}
		catch (Exception ex) {
			Throwable failure = rootCause(ex);
			methodFailed(message, failure);
			ResponderObservations.failed(observation, failure);
			this.replySender.sendError(request, failure, this.endpoint.qos(), acknowledge, done);
			return;
		}
		if (result instanceof CompletionStage<?> stage) {
			untilExpiry(stage, message).whenComplete((value, ex) -> {
				if (value == EXPIRED) {
					abandoned(message, observation);
					done.run();
					return;
				}
				// Another thread: the scope is opened again here, so that the reply carries the
				// responder's trace, not whatever this thread had (Spring AMQP's issue 2608).
				try (Observation.Scope scope = (observation != null) ? observation.openScope() : null) {
					if (ex != null) {
						Throwable failure = rootCause(ex);
						methodFailed(message, failure);
						ResponderObservations.failed(observation, failure);
						this.replySender.sendError(request, failure, this.endpoint.qos(), acknowledge, done);
					}
					else {
						this.replySender.sendReply(request, value, this.endpoint.qos(), false, acknowledge, done);
					}
				}
				catch (RuntimeException | Error failure) {
					// As in handle(): an Error too must not keep the request's place for ever.
					done.run();
					throw failure;
				}
			});
			return;
		}
		this.replySender.sendReply(request, result, this.endpoint.qos(), true, acknowledge, done);
	}

	/**
	 * Answer a request the responder executor refused, on the connection's I/O thread: this
	 * responder already has as many requests queued or running as it takes. A busy reply tells
	 * the caller at once that it may try again, instead of a timeout; nothing waits here.
	 */
	@Override
	public void rejected(ReceivedMessage message, Acknowledgement acknowledgement) {
		Runnable acknowledge = once(acknowledgement::acknowledge);
		if (message.isExpired()) {
			this.work.expired();
			acknowledge.run();
			return;
		}
		if (refused(message)) {
			acknowledge.run();
			return;
		}
		this.work.busy();
		peerFailures.warn("busy " + this.endpoint.methodName(), "Responder " + this.endpoint.methodName()
				+ " is busy: it has as many requests queued or running as it takes (mqtt.responder.concurrency + "
				+ "mqtt.responder.queue-capacity); answered a request on '" + printable(message.topic())
				+ "' with a busy reply");
		this.replySender.sendProblem(MqttHeaderMapper.toMessage(message),
				ErrorReplies.busy("The responder has as many requests queued or running as it takes; try again later",
						message.topic()),
				this.endpoint.qos(), acknowledge, acknowledge);
	}

	/**
	 * Return whether the request's response topic is refused (counted and logged here); a
	 * request without one is answered by nobody but still runs the method.
	 */
	private boolean refused(ReceivedMessage message) {
		String responseTopic = message.properties().responseTopic();
		String refusal = (responseTopic != null) ? this.responseTopics.refusal(responseTopic) : null;
		if (refusal == null) {
			return false;
		}
		// Whoever sent it may not make this service write there, nor spend its work on it.
		this.work.refused();
		peerFailures.warn("response topic refused by " + this.endpoint.methodName(), "Responder "
				+ this.endpoint.methodName() + " refused a request on '" + printable(message.topic())
				+ "': its response topic '" + printable(responseTopic) + "' " + refusal
				+ "; the method was not called and nothing was sent");
		return true;
	}

	/**
	 * Return the outcome of a method's stage, completed with {@link #EXPIRED} instead when the
	 * request expires first: its caller has stopped waiting, and a stage that never completes must
	 * not hold the request and its place in the responder's bound for ever.
	 */
	private static CompletableFuture<@Nullable Object> untilExpiry(CompletionStage<?> stage, ReceivedMessage message) {
		CompletableFuture<@Nullable Object> outcome = new CompletableFuture<>();
		stage.whenComplete((value, ex) -> {
			if (ex != null) {
				outcome.completeExceptionally(ex);
			}
			else {
				outcome.complete(value);
			}
		});
		Duration timeToExpiry = message.timeToExpiry();
		if (timeToExpiry != null && !outcome.isDone()) {
			outcome.completeOnTimeout(EXPIRED, Math.max(0, timeToExpiry.toNanos()), TimeUnit.NANOSECONDS);
		}
		return outcome;
	}

	/**
	 * The method's stage had not completed when its request expired: no reply (nobody waits for
	 * it), the request is acknowledged and counted as expired. The application's to see, but at
	 * any rate a slow dependency sets: WARN, rate-limited per responder.
	 */
	private void abandoned(ReceivedMessage message, @Nullable Observation observation) {
		this.work.expired();
		ResponderObservations.expired(observation);
		peerFailures.warn("stage outlived its request " + this.endpoint.methodName(), "Responder "
				+ this.endpoint.methodName() + " had not completed its CompletionStage for a request on '"
				+ printable(message.topic()) + "' when the request expired (Message Expiry Interval "
				+ message.properties().messageExpiryInterval() + " s): its caller no longer waits, so no reply "
				+ "is sent and the request is acknowledged; a later completion is ignored");
	}

	/**
	 * The application's own method threw: its developers need the stack trace, which the error
	 * reply does not carry, but a peer can make it throw at any rate: WARN with the stack trace,
	 * rate-limited per responder and exception type, as Spring's listener containers log a
	 * listener's failure.
	 */
	private void methodFailed(ReceivedMessage message, Throwable failure) {
		peerFailures.warn("method failed " + this.endpoint.methodName() + " " + failure.getClass().getName(),
				"Responder " + this.endpoint.methodName() + " threw on a request on '" + printable(message.topic())
						+ "'; answered with an error reply",
				failure);
	}

	/**
	 * Return text from a remote peer as it may go into a log line: at most 100 characters, no
	 * control characters (no forged lines).
	 */
	static String printable(String text) {
		String shortened = (text.length() > 100) ? text.substring(0, 100) + "..." : text;
		return shortened.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", "?");
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
