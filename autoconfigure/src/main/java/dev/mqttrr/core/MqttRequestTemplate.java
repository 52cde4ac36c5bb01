package dev.mqttrr.core;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

import dev.mqttrr.core.MqttConnection.PublishCallback;
import dev.mqttrr.core.observation.MqttRequestObservationConvention;
import dev.mqttrr.support.AsyncPermits;
import dev.mqttrr.support.Exceptions;

/**
 * The default {@link MqttRequestOperations}: MQTT 5 request/response over one
 * {@link MqttConnection}.
 * <p>
 * Replies arrive on one subscription per client, the inbox {@code <replyTopicPrefix><clientId>},
 * and are told apart by correlation data, so a request costs one PUBLISH, not a SUBSCRIBE and
 * UNSUBSCRIBE as well. A caller-given response topic is subscribed before its first request is
 * published and unsubscribed when its last waiter leaves. Each call, from waiting for a slot to
 * the reply, happens inside its timeout; a pending request is removed on reply, timeout,
 * cancellation, connection loss and shutdown.
 */
public class MqttRequestTemplate implements MqttRequestOperations, MqttConnectionListener, DisposableBean {

	private final MqttConnection connection;

	private final MqttPayloadConverter payloadConverter;

	private final Executor replyExecutor;

	private final MqttRequestSettings settings;

	private final String inboxTopic;

	private final PendingRequests pending;

	private final AsyncPermits pendingSlots;

	private final ScheduledThreadPoolExecutor timeouts;

	private final CorrelationDataSource correlationDataSource = new CorrelationDataSource();

	private volatile boolean everConnected;

	/** {@code null} when not observed: the unobserved path allocates nothing for observations. */
	private volatile @Nullable RequestObservations observations;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable MqttRequestObservationConvention observationConvention;

	/**
	 * Create a template and register it with the connection.
	 * @param connection the connection to send over
	 * @param payloadConverter converts objects for {@code requestAndConvert}
	 * @param replyExecutor completes the futures of {@code requestAsync}, off the connection's
	 * I/O thread
	 * @param settings the template settings
	 */
	public MqttRequestTemplate(MqttConnection connection, MqttPayloadConverter payloadConverter, Executor replyExecutor,
			MqttRequestSettings settings) {
		this.connection = connection;
		this.payloadConverter = payloadConverter;
		this.replyExecutor = replyExecutor;
		this.settings = settings;
		this.inboxTopic = MqttTopics.validateResponseTopic(
				settings.replyTopicPrefix() + MqttTopics.asTopicLevel(connection.getClientId()));
		this.pendingSlots = new AsyncPermits(settings.maxPending());
		CustomizableThreadFactory timerThreads = new CustomizableThreadFactory("mqtt-rr-timeout-");
		timerThreads.setDaemon(true);
		this.timeouts = new ScheduledThreadPoolExecutor(1, timerThreads);
		this.timeouts.setRemoveOnCancelPolicy(true);
		this.pending = new PendingRequests(connection, this.inboxTopic, settings.qos(), replyExecutor);
		connection.addConnectionListener(this);
	}

	/**
	 * Set the registry for {@code mqtt.request} observations; {@link ObservationRegistry#NOOP}, the
	 * default, observes nothing and costs nothing per request.
	 * @param observationRegistry the observation registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
		updateObservations();
	}

	/**
	 * Set the convention of {@code mqtt.request} observations, replacing the default one.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable MqttRequestObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		updateObservations();
	}

	private void updateObservations() {
		this.observations = (this.observationRegistry == ObservationRegistry.NOOP) ? null
				: new RequestObservations(this.observationRegistry, this.observationConvention);
	}

	/**
	 * Return the topic this client's replies arrive on when no response topic is given.
	 * @return the inbox topic
	 */
	public String getInboxTopic() {
		return this.inboxTopic;
	}

	/**
	 * Return how many requests are waiting for a reply now.
	 * @return the number of pending requests
	 */
	public int getPendingRequestCount() {
		return this.pending.size();
	}

	/**
	 * Return how many replies were ignored because no pending request matched their correlation
	 * data and topic (late, duplicate, foreign or without correlation data).
	 * @return the number of unmatched replies
	 */
	public long getUnmatchedReplyCount() {
		return this.pending.unmatchedReplies();
	}

	/**
	 * Return how many caller-given response topics are subscribed now.
	 * @return the number of reply subscriptions besides the inbox
	 */
	int getReplySubscriptionCount() {
		return this.pending.replySubscriptionCount();
	}

	@Override
	public MqttReply request(String topic, byte[] payload) {
		return request(topic, payload, PublishProperties.empty(), this.settings.defaultTimeout());
	}

	@Override
	public MqttReply request(String topic, byte[] payload, Duration timeout) {
		return request(topic, payload, PublishProperties.empty(), timeout);
	}

	@Override
	public MqttReply request(String topic, byte[] payload, PublishProperties properties, Duration timeout) {
		RequestObservations observations = this.observations;
		if (observations == null || observations.isNoop()) {
			return start(topic, payload, properties, timeout, true).await();
		}
		Observation observation = observations.start(topic);
		try {
			MqttReply reply = start(topic, payload, RequestObservations.propagate(observation, properties), timeout,
					true).await();
			RequestObservations.stop(observation, null);
			return reply;
		}
		catch (RuntimeException | Error ex) {
			RequestObservations.stop(observation, ex);
			throw ex;
		}
	}

	@Override
	public CompletableFuture<MqttReply> requestAsync(String topic, byte[] payload) {
		return requestAsync(topic, payload, PublishProperties.empty(), this.settings.defaultTimeout());
	}

	@Override
	public CompletableFuture<MqttReply> requestAsync(String topic, byte[] payload, Duration timeout) {
		return requestAsync(topic, payload, PublishProperties.empty(), timeout);
	}

	@Override
	public CompletableFuture<MqttReply> requestAsync(String topic, byte[] payload, PublishProperties properties,
			Duration timeout) {
		RequestObservations observations = this.observations;
		if (observations == null || observations.isNoop()) {
			try {
				return start(topic, payload, properties, timeout, false).future;
			}
			catch (MqttRequestResponseException ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}
		Observation observation = observations.start(topic);
		CompletableFuture<MqttReply> future;
		try {
			future = start(topic, payload, RequestObservations.propagate(observation, properties), timeout,
					false).future;
		}
		catch (RuntimeException | Error ex) {
			RequestObservations.stop(observation, ex);
			if (ex instanceof MqttRequestResponseException mqtt) {
				return CompletableFuture.failedFuture(mqtt);
			}
			throw ex;
		}
		// Ends on reply, failure, timeout or the caller's cancellation, whichever thread that is on.
		future.whenComplete((reply, ex) -> RequestObservations.stop(observation, ex));
		return future;
	}

	/**
	 * Start a request; throws when it cannot be sent at all. {@code blockingCaller} says that only a
	 * thread blocked in {@link PendingRequest#await()} waits on the future. Such a request needs no timer (the
	 * caller waits with its timeout), may wait for an in-flight slot on the caller's thread, and
	 * may have its reply complete it on the connection's I/O thread: that only wakes the caller.
	 * Each saves a thread hand-off or a contended lock per request.
	 */
	private PendingRequest start(String topic, byte[] payload, PublishProperties properties, Duration timeout,
			boolean blockingCaller) {
		Assert.notNull(payload, "'payload' must not be null");
		Assert.notNull(properties, "'properties' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		MqttTopics.validateTopicName(topic, "topic");
		String responseTopic = (properties.responseTopic() != null)
				? MqttTopics.validateResponseTopic(properties.responseTopic()) : this.inboxTopic;
		if (this.timeouts.isShutdown()) {
			throw new MqttDisconnectedException("The request template is shut down: the request to '" + topic
					+ "' was not sent.", null);
		}
		if (!this.connection.isConnected()) {
			throw notConnected(topic);
		}
		byte[] correlationData = properties.hasCorrelationData() ? properties.correlationDataUnsafe()
				: this.correlationDataSource.next();
		PendingRequest request = new PendingRequest(topic, responseTopic, new CorrelationKey(correlationData),
				timeout, blockingCaller, this.pending::remove);
		CompletableFuture<Void> replyReady = this.pending.add(request);
		if (!blockingCaller) {
			request.cancelOnFinish(this.timeouts.schedule(() -> failOffTimerThread(request), timeout.toNanos(),
					TimeUnit.NANOSECONDS));
		}
		OutgoingMessage message = new OutgoingMessage(topic, payload, this.settings.qos(),
				properties.withRequestTarget(responseTopic, correlationData, expirySeconds(timeout)));
		AsyncPermits.Permit free = (replyReady.isDone() && !replyReady.isCompletedExceptionally())
				? this.pendingSlots.tryAcquire() : null;
		if (free != null) {
			request.slot(free);
			publish(request, message, blockingCaller);
		}
		else {
			CompletableFuture<AsyncPermits.Permit> slot = this.pendingSlots.acquire();
			request.cancelOnFinish(slot);
			slot.thenAccept(request::slot);
			CompletableFuture.allOf(slot, replyReady).whenCompleteAsync((ready, ex) -> {
				if (ex == null) {
					publish(request, message, false);
				}
				else if (!request.isDone()) {
					Throwable cause = Exceptions.unwrap(ex);
					request.fail((cause instanceof MqttRequestResponseException mqtt) ? mqtt
							: new MqttRequestResponseException("Subscribe to the response topic '" + responseTopic
									+ "' failed: " + cause.getMessage(), cause));
				}
			}, this.replyExecutor);
		}
		return request;
	}

	@Override
	public <T> T requestAndConvert(String topic, Object request, Class<T> replyType) {
		return requestAndConvert(topic, request, (Type) replyType, this.settings.defaultTimeout());
	}

	@Override
	public <T> T requestAndConvert(String topic, Object request, Class<T> replyType, Duration timeout) {
		return requestAndConvert(topic, request, (Type) replyType, timeout);
	}

	@Override
	public <T> T requestAndConvert(String topic, Object request, ParameterizedTypeReference<T> replyType) {
		return requestAndConvert(topic, request, replyType.getType(), this.settings.defaultTimeout());
	}

	@Override
	public <T> T requestAndConvert(String topic, Object request, ParameterizedTypeReference<T> replyType,
			Duration timeout) {
		return requestAndConvert(topic, request, replyType.getType(), timeout);
	}

	private <T> T requestAndConvert(String topic, Object request, Type replyType, Duration timeout) {
		Assert.notNull(request, "'request' must not be null");
		MqttPayloadConverter.Payload payload = this.payloadConverter.toPayload(request, null);
		PublishProperties properties = PublishProperties.builder()
			.contentType(payload.contentType().toString())
			.build();
		MqttReply reply = request(topic, payload.bytes(), properties, timeout);
		return this.payloadConverter.fromPayload(reply.payload(), reply.properties().contentType(), replyType,
				"the reply on '" + reply.topic() + "'");
	}

	@Override
	public void connected(boolean reconnect) {
		this.everConnected = true;
	}

	@Override
	public void connectionLost(Throwable cause) {
		this.pending.failAll((request) -> new MqttDisconnectedException("The connection to "
				+ this.connection.getServerUri() + " was lost while waiting for the reply to '" + request.topic + "': "
				+ cause.getMessage(), cause));
	}

	/**
	 * Fail the requests still waiting and release the timer thread.
	 */
	@Override
	public void destroy() {
		this.timeouts.shutdownNow();
		this.pending.failAll((request) -> new MqttDisconnectedException("The request template is shutting down: "
				+ "no reply to the request to '" + request.topic + "' will be received.", null));
	}

	/**
	 * Publish a request; {@code onBlockingCaller} means this runs on the thread of a blocking
	 * {@code request()}, which may then wait here for an in-flight slot, within its timeout.
	 */
	private void publish(PendingRequest request, OutgoingMessage message, boolean onBlockingCaller) {
		if (request.isDone()) {
			return;
		}
		PublishCallback published = (reasonCode, failure) -> {
			if (failure != null) {
				// Failing after the deadline means the request ran out of time, whatever held it up.
				this.pending.fail(request, request.remaining().isZero() ? request.timedOut() : failure);
			}
			else if (reasonCode == MqttConnection.NO_MATCHING_SUBSCRIBERS) {
				this.pending.fail(request, new MqttNoSubscriberException(request.topic));
			}
		};
		if (onBlockingCaller) {
			// Returns once sent (or failed, or found finished after a wait, for example failed by
			// a connection loss): nothing is left to cancel, and nothing is sent late.
			this.connection.publishWaitingHere(message, request.remaining(), request::isDone, published);
		}
		else {
			// It may still wait for an in-flight slot: cancelling it leaves the queue.
			request.cancelOnFinish(this.connection.publish(message, published));
		}
	}

	private void failOffTimerThread(PendingRequest request) {
		this.pending.fail(request, request.timedOut());
	}

	/**
	 * Return the Message Expiry Interval of a request: its timeout, rounded up to seconds, so that
	 * neither the broker nor a responder spends work on a request its caller no longer waits for.
	 */
	private static long expirySeconds(Duration timeout) {
		return Math.max(1, (timeout.toMillis() + 999) / 1000);
	}

	private MqttDisconnectedException notConnected(String topic) {
		String state = this.everConnected ? "The client reconnects by itself; try again later."
				: "The connection has not been up yet: call the template once the application has started "
						+ "(from an ApplicationRunner or an ApplicationReadyEvent listener), not from a constructor "
						+ "or @PostConstruct.";
		return new MqttDisconnectedException("Not connected to " + this.connection.getServerUri()
				+ ": the request to '" + topic + "' was not sent. " + state, null);
	}

}
