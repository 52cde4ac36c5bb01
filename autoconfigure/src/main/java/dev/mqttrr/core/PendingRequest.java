package dev.mqttrr.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.mqttrr.support.AsyncPermits;
import dev.mqttrr.support.Exceptions;

/**
 * One request waiting for its reply. Finishes exactly once, by reply, failure, timeout or
 * cancellation, and releases everything it holds before its future completes, so a caller that
 * sees the result sees no leftover state.
 */
final class PendingRequest {

	private static final AtomicIntegerFieldUpdater<PendingRequest> FINISHED = AtomicIntegerFieldUpdater
		.newUpdater(PendingRequest.class, "finished");

	final String topic;

	final String responseTopic;

	final CorrelationKey key;

	final Duration timeout;

	final boolean blockingCaller;

	private final long deadline;

	final CompletableFuture<MqttReply> future = new CompletableFuture<>();

	private volatile int finished;

	private final Consumer<PendingRequest> cleanup;

	/** Guarded by {@code this}; created on first use, as a blocking request seldom needs it. */
	private @Nullable List<Future<?>> cancelOnFinish;

	private volatile AsyncPermits.@Nullable Permit slot;

	PendingRequest(String topic, String responseTopic, CorrelationKey key, Duration timeout, boolean blockingCaller,
			Consumer<PendingRequest> cleanup) {
		this.topic = topic;
		this.responseTopic = responseTopic;
		this.key = key;
		this.timeout = timeout;
		this.blockingCaller = blockingCaller;
		this.deadline = System.nanoTime() + timeout.toNanos();
		this.cleanup = cleanup;
		if (!blockingCaller) {
			// The caller holds the future and may cancel it: that lands here too.
			this.future.whenComplete((reply, ex) -> release());
		}
	}

	/**
	 * Cancel the given timer or wait when this request finishes (at once if it already has).
	 */
	void cancelOnFinish(Future<?> future) {
		synchronized (this) {
			if (this.finished == 0) {
				if (this.cancelOnFinish == null) {
					this.cancelOnFinish = new ArrayList<>(3);
				}
				this.cancelOnFinish.add(future);
				return;
			}
		}
		future.cancel(false);
	}

	void slot(AsyncPermits.Permit permit) {
		this.slot = permit;
		if (isDone()) {
			permit.release();
		}
	}

	/**
	 * Return the time left until this request times out.
	 */
	Duration remaining() {
		return Duration.ofNanos(Math.max(0, this.deadline - System.nanoTime()));
	}

	boolean isDone() {
		return this.finished != 0 || this.future.isDone();
	}

	void complete(MqttReply reply) {
		if (release()) {
			this.future.complete(reply);
		}
	}

	void fail(Throwable ex) {
		if (release()) {
			this.future.completeExceptionally(ex);
		}
	}

	private boolean release() {
		if (!FINISHED.compareAndSet(this, 0, 1)) {
			return false;
		}
		this.cleanup.accept(this);
		List<Future<?>> toCancel;
		synchronized (this) {
			toCancel = this.cancelOnFinish;
			this.cancelOnFinish = null;
		}
		if (toCancel != null) {
			toCancel.forEach((future) -> future.cancel(false));
		}
		AsyncPermits.Permit permit = this.slot;
		if (permit != null) {
			permit.release();
		}
		return true;
	}

	/**
	 * Return the failure of a request that ran out of time.
	 */
	MqttRequestTimeoutException timedOut() {
		return new MqttRequestTimeoutException(this.topic, this.timeout, "No reply to the request on '" + this.topic
				+ "' within " + this.timeout.toMillis() + " ms (response topic '" + this.responseTopic
				+ "'). Check that a responder subscribes to '" + this.topic
				+ "' and replies to the response topic, or allow more time (mqtt.request.timeout).");
	}

	/**
	 * Wait for the reply on the calling thread, up to the timeout; throw the failure, with the
	 * caller's frames in its stack trace.
	 */
	MqttReply await() {
		try {
			return this.future.get(remaining().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			fail(timedOut());
			return await();
		}
		catch (InterruptedException ex) {
			MqttRequestResponseException interrupted = new MqttRequestResponseException(
					"Interrupted while waiting for the reply to '" + this.topic + "'", ex);
			fail(interrupted);
			Thread.currentThread().interrupt();
			throw interrupted;
		}
		catch (ExecutionException ex) {
			Throwable cause = Exceptions.unwrap(ex);
			if (cause instanceof MqttRequestResponseException mqtt) {
				throw mqtt.rethrownHere();
			}
			throw new MqttRequestResponseException("The request to '" + this.topic + "' failed: "
					+ cause.getMessage(), cause);
		}
	}

}
