package dev.mqttrr.core;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;

/**
 * A counting semaphore whose waiters are futures instead of blocked threads, so callers can wait
 * for a slot inside their own timeout without tying up a thread. A waiter that gives up cancels its
 * future and leaves the queue at once. {@link #reset(int)} starts a new generation: permits handed
 * out before it are forgotten, so a token that Paho never completes after a connection loss cannot
 * leak a slot forever.
 * <p>
 * Taking and returning a slot while nobody waits is a compare-and-set, no lock: it happens for
 * every publish. Every change that could let a waiter in ends in {@link #grantWaiting()}, so no
 * waiter is stranded while a slot is free.
 */
final class AsyncPermits {

	private final Object lock = new Object();

	private final ArrayDeque<CompletableFuture<Permit>> waiters = new ArrayDeque<>();

	private final AtomicInteger available;

	private volatile int waiting;

	private volatile int limit;

	private volatile long generation;

	AsyncPermits(int limit) {
		this.limit = limit;
		this.available = new AtomicInteger(limit);
	}

	/**
	 * Return a permit if one is free and nobody waits, otherwise {@code null}.
	 */
	@Nullable Permit tryAcquire() {
		if (this.waiting > 0) {
			return null;
		}
		long permitGeneration = this.generation;
		return takeOne() ? new Permit(permitGeneration) : null;
	}

	/**
	 * Return a future that completes with a permit when one is free; cancel it to stop waiting.
	 */
	CompletableFuture<Permit> acquire() {
		Permit free = tryAcquire();
		if (free != null) {
			return CompletableFuture.completedFuture(free);
		}
		CompletableFuture<Permit> waiter = new CompletableFuture<>();
		synchronized (this.lock) {
			this.waiters.add(waiter);
			this.waiting = this.waiters.size();
		}
		waiter.whenComplete((permit, ex) -> {
			if (ex != null) {
				synchronized (this.lock) {
					this.waiters.remove(waiter);
					this.waiting = this.waiters.size();
				}
			}
		});
		grantWaiting();
		return waiter;
	}

	/**
	 * Forget all permits handed out and allow {@code newLimit} at once.
	 */
	void reset(int newLimit) {
		synchronized (this.lock) {
			this.generation++;
			this.limit = newLimit;
			this.available.set(newLimit);
		}
		grantWaiting();
	}

	int available() {
		return this.available.get();
	}

	int waiting() {
		return this.waiting;
	}

	int limit() {
		return this.limit;
	}

	private boolean takeOne() {
		while (true) {
			int free = this.available.get();
			if (free <= 0) {
				return false;
			}
			if (this.available.compareAndSet(free, free - 1)) {
				return true;
			}
		}
	}

	private void release(long permitGeneration) {
		if (permitGeneration != this.generation) {
			return;
		}
		this.available.incrementAndGet();
		if (this.waiting > 0) {
			grantWaiting();
		}
	}

	private void grantWaiting() {
		while (this.waiting > 0) {
			CompletableFuture<Permit> next;
			Permit permit;
			synchronized (this.lock) {
				if (this.waiters.isEmpty() || !takeOne()) {
					return;
				}
				next = this.waiters.poll();
				this.waiting = this.waiters.size();
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
