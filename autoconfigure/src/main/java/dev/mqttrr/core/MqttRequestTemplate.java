package dev.mqttrr.core;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.Assert;

import dev.mqttrr.support.ErrorReplies;
import dev.mqttrr.support.MqttPayloadConverter;
import dev.mqttrr.support.MqttPropertiesMapper;
import dev.mqttrr.support.MqttTopics;

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

	private static final Log logger = LogFactory.getLog(MqttRequestTemplate.class);

	private final MqttConnection connection;

	private final MqttPayloadConverter payloadConverter;

	private final Executor replyExecutor;

	private final MqttRequestSettings settings;

	private final String inboxTopic;

	private final Map<CorrelationKey, PendingRequest> pending = new ConcurrentHashMap<>();

	private final AsyncPermits pendingSlots;

	private final ReplySubscriptions replySubscriptions;

	private final ScheduledThreadPoolExecutor timeouts;

	private final CorrelationDataSource correlationDataSource = new CorrelationDataSource();

	private final LongAdder unmatchedReplies = new LongAdder();

	private volatile @Nullable CompletableFuture<Void> inbox;

	/**
	 * Create a template and register it with the connection.
	 * @param connection the connection to send over
	 * @param payloadConverter converts objects for {@code requestAndConvert}
	 * @param replyExecutor completes reply futures, off Paho's callback thread
	 * @param settings the template settings
	 */
	public MqttRequestTemplate(MqttConnection connection, MqttPayloadConverter payloadConverter, Executor replyExecutor,
			MqttRequestSettings settings) {
		this.connection = connection;
		this.payloadConverter = payloadConverter;
		this.replyExecutor = replyExecutor;
		this.settings = settings;
		this.inboxTopic = settings.replyTopicPrefix() + topicSafe(connection.getClientId());
		MqttTopics.validateResponseTopic(this.inboxTopic);
		this.pendingSlots = new AsyncPermits(settings.maxPending());
		// Replies are matched on Paho's callback thread (a map lookup, nothing that blocks); only
		// completing a future hands over to the reply executor, see onReply.
		this.replySubscriptions = new ReplySubscriptions(connection, this::onReply, Runnable::run, settings.qos());
		this.timeouts = new ScheduledThreadPoolExecutor(1, new CustomizableThreadFactory("mqtt-rr-timeout-"));
		this.timeouts.setRemoveOnCancelPolicy(true);
		connection.addRoute(this.inboxTopic, this::onReply, Runnable::run);
		connection.addConnectionListener(this);
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
		return this.unmatchedReplies.sum();
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
		return await(start(topic, payload, properties, timeout, true));
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
		try {
			return start(topic, payload, properties, timeout, false).future;
		}
		catch (MqttRequestResponseException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/**
	 * Start a request; throws when it cannot be sent at all. {@code blockingCaller} says that only a
	 * thread blocked in {@link #await} waits on the future. Such a request needs no timer (the
	 * caller waits with its timeout), may wait for an in-flight slot on the caller's thread, and
	 * may have its reply complete it on Paho's callback thread: that only wakes the caller. Each
	 * saves a thread hand-off or a contended lock per request.
	 */
	private PendingRequest start(String topic, byte[] payload, PublishProperties properties, Duration timeout,
			boolean blockingCaller) {
		Assert.notNull(payload, "'payload' must not be null");
		Assert.notNull(properties, "'properties' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		MqttTopics.validateTopicName(topic, "topic");
		String responseTopic = (properties.responseTopic() != null)
				? MqttTopics.validateResponseTopic(properties.responseTopic()) : this.inboxTopic;
		if (!this.connection.isConnected()) {
			throw new MqttDisconnectedException("Not connected to " + this.connection.getServerUri()
					+ ": the request to '" + topic + "' was not sent. The client reconnects by itself; try again "
					+ "later.", null);
		}
		byte[] correlationData = properties.hasCorrelationData() ? properties.correlationDataUnsafe()
				: this.correlationDataSource.next();
		PendingRequest request = new PendingRequest(topic, responseTopic, new CorrelationKey(correlationData),
				timeout, blockingCaller, this::cleanUp);
		if (this.pending.putIfAbsent(request.key, request) != null) {
			throw new MqttRequestResponseException("The correlation data " + request.key + " is already used by "
					+ "a pending request. Give each request its own correlation data, or leave it out and one is "
					+ "generated.");
		}
		boolean inbox = responseTopic.equals(this.inboxTopic);
		CompletableFuture<Void> replyReady = inbox ? inboxReady() : this.replySubscriptions.acquire(responseTopic);
		if (!blockingCaller) {
			request.cancelOnFinish(this.timeouts.schedule(() -> request.fail(timedOut(request)), timeout.toNanos(),
					TimeUnit.NANOSECONDS));
		}
		MqttMessage message = new MqttMessage(payload, this.settings.qos(), false, requestProperties(properties,
				responseTopic, correlationData));
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
					request.fail(MqttFailures.of("Subscribe to the response topic '" + responseTopic + "'",
							unwrap(ex)));
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
		synchronized (this) {
			this.inbox = this.connection.subscribe(this.inboxTopic, this.settings.qos());
		}
		this.replySubscriptions.resubscribe();
	}

	@Override
	public void connectionLost(Throwable cause) {
		synchronized (this) {
			this.inbox = null;
		}
		for (PendingRequest request : this.pending.values()) {
			request.fail(new MqttDisconnectedException("The connection to " + this.connection.getServerUri()
					+ " was lost while waiting for the reply to '" + request.topic + "': " + cause.getMessage(),
					cause));
		}
	}

	@Override
	public void destroy() {
		this.timeouts.shutdownNow();
	}

	private CompletableFuture<Void> inboxReady() {
		CompletableFuture<Void> current = this.inbox;
		if (current != null && !current.isCompletedExceptionally()) {
			return current;
		}
		synchronized (this) {
			current = this.inbox;
			if (current == null || current.isCompletedExceptionally()) {
				current = this.connection.subscribe(this.inboxTopic, this.settings.qos());
				this.inbox = current;
			}
			return current;
		}
	}

	/**
	 * Publish a request; {@code onBlockingCaller} means this runs on the thread of a blocking
	 * {@code request()}, which may then wait here for an in-flight slot, within its timeout.
	 */
	private void publish(PendingRequest request, MqttMessage message, boolean onBlockingCaller) {
		if (request.isDone()) {
			return;
		}
		CompletableFuture<Integer> ack;
		if (onBlockingCaller) {
			// Returns once sent (or failed, or found finished after a wait, for example failed by
			// a connection loss): nothing is left to cancel, and nothing is sent late.
			ack = this.connection.publishWaitingHere(request.topic, message, request.remaining(), request::isDone);
		}
		else {
			ack = this.connection.publish(request.topic, message);
			// It may still wait for an in-flight slot: cancelling it leaves the queue.
			request.cancelOnFinish(ack);
		}
		ack.whenComplete((reasonCode, ex) -> {
			if (ex != null && !request.isDone()) {
				this.replyExecutor.execute(() -> request.fail(MqttFailures.of(
						"Publish of the request to '" + request.topic + "'", unwrap(ex))));
			}
			else if (reasonCode != null && reasonCode == MqttConnection.NO_MATCHING_SUBSCRIBERS) {
				this.replyExecutor.execute(() -> request.fail(new MqttNoSubscriberException(request.topic)));
			}
		});
	}

	private void onReply(String topic, MqttMessage message) {
		MqttProperties properties = message.getProperties();
		byte[] correlationData = (properties != null) ? properties.getCorrelationData() : null;
		PendingRequest request = (correlationData != null) ? this.pending.get(new CorrelationKey(correlationData))
				: null;
		if (request == null || !request.responseTopic.equals(topic)) {
			this.unmatchedReplies.increment();
			if (logger.isDebugEnabled()) {
				logger.debug("Ignored a reply on '" + topic + "': no pending request has its correlation data");
			}
			return;
		}
		MqttReply reply = new MqttReply(topic, message.getPayload(), properties);
		if (ErrorReplies.isErrorReply(properties.getContentType())) {
			this.replyExecutor.execute(() -> request.fail(ErrorReplies.toException(reply)));
		}
		else if (request.blockingCaller) {
			request.complete(reply);
		}
		else {
			this.replyExecutor.execute(() -> request.complete(reply));
		}
	}

	private void cleanUp(PendingRequest request) {
		this.pending.remove(request.key, request);
		if (!request.responseTopic.equals(this.inboxTopic)) {
			this.replySubscriptions.release(request.responseTopic);
		}
	}

	private MqttRequestTimeoutException timedOut(PendingRequest request) {
		return new MqttRequestTimeoutException(request.topic, request.timeout, "No reply to the request on '"
				+ request.topic + "' within " + request.timeout.toMillis() + " ms (response topic '"
				+ request.responseTopic + "'). Check that a responder subscribes to '" + request.topic
				+ "' and replies to the response topic, or allow more time (mqtt.request.timeout).");
	}

	private static MqttProperties requestProperties(PublishProperties properties, String responseTopic,
			byte[] correlationData) {
		MqttProperties paho = MqttPropertiesMapper.toPaho(properties);
		paho.setResponseTopic(responseTopic);
		paho.setCorrelationData(correlationData);
		return paho;
	}

	private MqttReply await(PendingRequest request) {
		try {
			return request.future.get(request.remaining().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			request.fail(timedOut(request));
			return await(request);
		}
		catch (InterruptedException ex) {
			MqttRequestResponseException interrupted = new MqttRequestResponseException(
					"Interrupted while waiting for the reply to '" + request.topic + "'", ex);
			request.fail(interrupted);
			Thread.currentThread().interrupt();
			throw interrupted;
		}
		catch (ExecutionException ex) {
			Throwable cause = unwrap(ex);
			if (cause instanceof MqttRequestResponseException mqtt) {
				throw mqtt;
			}
			throw new MqttRequestResponseException("The request to '" + request.topic + "' failed: "
					+ cause.getMessage(), cause);
		}
	}

	private static Throwable unwrap(Throwable ex) {
		Throwable cause = ex;
		while ((cause instanceof ExecutionException || cause instanceof CompletionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static String topicSafe(String clientId) {
		return clientId.replace('+', '_').replace('#', '_').replace('/', '_');
	}

}
