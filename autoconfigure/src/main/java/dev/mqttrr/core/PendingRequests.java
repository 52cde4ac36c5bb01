package dev.mqttrr.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mqttrr.support.RateLimitedLog;

/**
 * The requests waiting for replies, by correlation data: matches each reply to its request and
 * completes it, and holds each request's reply subscription while it waits.
 */
final class PendingRequests {

	private static final Log logger = LogFactory.getLog(PendingRequests.class);

	private static final RateLimitedLog unmatched = new RateLimitedLog(logger, Duration.ofMinutes(1));

	private final Map<CorrelationKey, PendingRequest> pending = new ConcurrentHashMap<>();

	private final ReplySubscriptions replySubscriptions;

	private final Executor replyExecutor;

	private final LongAdder unmatchedReplies = new LongAdder();

	PendingRequests(MqttConnection connection, String inbox, int qos, Executor replyExecutor) {
		this.replySubscriptions = new ReplySubscriptions(connection, inbox, this::onReply, qos);
		this.replyExecutor = replyExecutor;
	}

	/**
	 * Join the request's reply subscription and register the request; the future completes once
	 * the subscription is granted. The subscription is joined first, so that a connection loss
	 * that finds the request (and fails and cleans it up) leaves a subscription it joined.
	 */
	CompletableFuture<Void> add(PendingRequest request) {
		CompletableFuture<Void> replyReady = this.replySubscriptions.acquire(request.responseTopic);
		if (this.pending.putIfAbsent(request.key, request) != null) {
			this.replySubscriptions.release(request.responseTopic);
			throw new MqttRequestResponseException("The correlation data " + request.key + " is already used by "
					+ "a pending request. Give each request its own correlation data, or leave it out and one is "
					+ "generated.");
		}
		return replyReady;
	}

	/**
	 * Remove a finished request and leave its reply subscription.
	 */
	void remove(PendingRequest request) {
		if (this.pending.remove(request.key, request)) {
			this.replySubscriptions.release(request.responseTopic);
		}
	}

	/**
	 * Complete the request a reply belongs to, or count the reply as unmatched.
	 */
	void onReply(ReceivedMessage message) {
		PublishProperties properties = message.properties();
		byte[] correlationData = properties.correlationDataUnsafe();
		PendingRequest request = (correlationData != null) ? this.pending.get(new CorrelationKey(correlationData))
				: null;
		if (request == null || !request.responseTopic.equals(message.topic())) {
			this.unmatchedReplies.increment();
			// A late reply to a request that timed out, or one another client made up: either way
			// not this application's fault, and a peer can send them at any rate.
			unmatched.warn("unmatched reply", "Ignored a reply on '" + message.topic() + "': no pending request "
					+ "has its correlation data (a late reply to a request that timed out, or a reply another "
					+ "client sent); see MqttRequestTemplate.getUnmatchedReplyCount()");
			return;
		}
		MqttReply reply = new MqttReply(message.topic(), message.payload(), properties);
		if (ErrorReplies.isErrorReply(properties.contentType())) {
			fail(request, ErrorReplies.toException(reply, request.topic));
		}
		else if (request.blockingCaller) {
			request.complete(reply);
		}
		else {
			this.replyExecutor.execute(() -> request.complete(reply));
		}
	}

	/**
	 * Fail a request from the connection's I/O thread or a timer: a blocked caller is only woken,
	 * the future of {@code requestAsync} is completed on the reply executor, where the caller's
	 * stages run.
	 */
	void fail(PendingRequest request, MqttRequestResponseException failure) {
		if (request.blockingCaller) {
			request.fail(failure);
		}
		else if (!request.isDone()) {
			this.replyExecutor.execute(() -> request.fail(failure));
		}
	}

	/**
	 * Fail every pending request, for example when the connection is lost.
	 */
	void failAll(Function<PendingRequest, MqttRequestResponseException> failure) {
		for (PendingRequest request : this.pending.values()) {
			fail(request, failure.apply(request));
		}
	}

	int replySubscriptionCount() {
		return this.replySubscriptions.count();
	}

	int size() {
		return this.pending.size();
	}

	long unmatchedReplies() {
		return this.unmatchedReplies.sum();
	}

}
