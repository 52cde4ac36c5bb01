package dev.mqttrr.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * One request waiting for its reply. Finishes exactly once, by reply, failure, timeout or
 * cancellation, and releases everything it holds before its future completes, so a caller that
 * sees the result sees no leftover state.
 */
final class PendingRequest {

	final String topic;

	final String responseTopic;

	final CorrelationKey key;

	final Duration timeout;

	final boolean blockingCaller;

	private final long deadline;

	final CompletableFuture<MqttReply> future = new CompletableFuture<>();

	private final AtomicBoolean finished = new AtomicBoolean();

	private final Consumer<PendingRequest> cleanup;

	private final List<Future<?>> cancelOnFinish = new ArrayList<>(3);

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
		// Cancellation (or completion) by the caller lands here too.
		this.future.whenComplete((reply, ex) -> release());
	}

	/**
	 * Cancel the given timer or wait when this request finishes (at once if it already has).
	 */
	void cancelOnFinish(Future<?> future) {
		synchronized (this.cancelOnFinish) {
			if (!this.finished.get()) {
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
		return this.finished.get() || this.future.isDone();
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
		synchronized (this.cancelOnFinish) {
			if (!this.finished.compareAndSet(false, true)) {
				return false;
			}
		}
		this.cleanup.accept(this);
		synchronized (this.cancelOnFinish) {
			for (Future<?> future : this.cancelOnFinish) {
				future.cancel(false);
			}
			this.cancelOnFinish.clear();
		}
		AsyncPermits.Permit permit = this.slot;
		if (permit != null) {
			permit.release();
		}
		return true;
	}

}
