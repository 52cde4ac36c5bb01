package dev.mqttrr.core;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;

/**
 * A counting semaphore whose waiters are futures instead of blocked threads, so callers can wait
 * for a slot inside their own timeout without tying up a thread. A waiter that gives up cancels its
 * future and leaves the queue at once. {@link #reset(int)} starts a new generation: permits handed
 * out before it are forgotten, so a token that Paho never completes after a connection loss cannot
 * leak a slot forever.
 */
final class AsyncPermits {

	private final Object lock = new Object();

	private final ArrayDeque<CompletableFuture<Permit>> waiters = new ArrayDeque<>();

	private int limit;

	private int available;

	private long generation;

	AsyncPermits(int limit) {
		this.limit = limit;
		this.available = limit;
	}

	/**
	 * Return a permit if one is free and nobody waits, otherwise {@code null}. The common case,
	 * without a future.
	 */
	@Nullable Permit tryAcquire() {
		synchronized (this.lock) {
			if (this.available > 0 && this.waiters.isEmpty()) {
				this.available--;
				return new Permit(this.generation);
			}
			return null;
		}
	}

	/**
	 * Return a future that completes with a permit when one is free; cancel it to stop waiting.
	 */
	CompletableFuture<Permit> acquire() {
		CompletableFuture<Permit> waiter;
		synchronized (this.lock) {
			if (this.available > 0 && this.waiters.isEmpty()) {
				this.available--;
				return CompletableFuture.completedFuture(new Permit(this.generation));
			}
			waiter = new CompletableFuture<>();
			this.waiters.add(waiter);
		}
		waiter.whenComplete((permit, ex) -> {
			if (ex != null) {
				synchronized (this.lock) {
					this.waiters.remove(waiter);
				}
			}
		});
		return waiter;
	}

	/**
	 * Forget all permits handed out and allow {@code newLimit} at once.
	 */
	void reset(int newLimit) {
		synchronized (this.lock) {
			this.generation++;
			this.limit = newLimit;
			this.available = newLimit;
		}
		grantWaiting();
	}

	int available() {
		synchronized (this.lock) {
			return this.available;
		}
	}

	int waiting() {
		synchronized (this.lock) {
			return this.waiters.size();
		}
	}

	int limit() {
		synchronized (this.lock) {
			return this.limit;
		}
	}

	private void release(long permitGeneration) {
		synchronized (this.lock) {
			if (permitGeneration != this.generation) {
				return;
			}
			this.available = Math.min(this.limit, this.available + 1);
		}
		grantWaiting();
	}

	private void grantWaiting() {
		while (true) {
			CompletableFuture<Permit> next;
			Permit permit;
			synchronized (this.lock) {
				if (this.available == 0 || this.waiters.isEmpty()) {
					return;
				}
				next = this.waiters.poll();
				this.available--;
				permit = new Permit(this.generation);
			}
			if (!next.complete(permit)) {
				// The waiter gave up in the meantime: hand the slot back.
				permit.release();
			}
		}
	}

	/**
	 * One slot; releasing it twice is harmless.
	 */
	final class Permit {

		private static final AtomicIntegerFieldUpdater<Permit> RELEASED = AtomicIntegerFieldUpdater
			.newUpdater(Permit.class, "released");

		private final long permitGeneration;

		private volatile int released;

		private Permit(long permitGeneration) {
			this.permitGeneration = permitGeneration;
		}

		void release() {
			if (RELEASED.compareAndSet(this, 0, 1)) {
				AsyncPermits.this.release(this.permitGeneration);
			}
		}

	}

}
