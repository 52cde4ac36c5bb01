package dev.mqttrr.core;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;

/**
 * A counting semaphore for two kinds of waiters: futures, so callers can wait for a slot inside
 * their own timeout without tying up a thread, and threads that block anyway.
 * <p>
 * A released slot goes to the oldest waiting future first; a future that gives up leaves the
 * queue at once. Otherwise it goes back to a non-fair {@link Semaphore}, where blocked threads and
 * newcomers take it: a running thread takes a free slot at once instead of the slot being reserved
 * for a parked thread that the scheduler may not run for a while. On a saturated machine that keeps
 * the broker's small Receive Maximum window full.
 * <p>
 * {@link #reset(int)} starts a new generation: permits handed out before it are forgotten, so a
 * token that Paho never completes after a connection loss cannot leak a slot forever.
 */
final class AsyncPermits {

	private final Object lock = new Object();

	private final ArrayDeque<CompletableFuture<Permit>> waiters = new ArrayDeque<>();

	private final Semaphore free;

	private volatile int waiting;

	private volatile int limit;

	private volatile long generation;

	AsyncPermits(int limit) {
		this.limit = limit;
		this.free = new Semaphore(limit);
	}

	/**
	 * Return a permit if one is free and no future waits, otherwise {@code null}.
	 */
	@Nullable Permit tryAcquire() {
		if (this.waiting > 0) {
			return null;
		}
		long permitGeneration = this.generation;
		return this.free.tryAcquire() ? new Permit(permitGeneration) : null;
	}

	/**
	 * Wait on the calling thread, up to the given time, for a permit; {@code null} if none freed
	 * up in time.
	 */
	@Nullable Permit acquire(long timeout, TimeUnit unit) throws InterruptedException {
		long permitGeneration = this.generation;
		return this.free.tryAcquire(timeout, unit) ? new Permit(permitGeneration) : null;
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
			this.free.drainPermits();
			this.free.release(newLimit);
		}
		grantWaiting();
	}

	int available() {
		return this.free.availablePermits();
	}

	int waiting() {
		return this.waiting;
	}

	int limit() {
		return this.limit;
	}

	private void release(long permitGeneration) {
		if (permitGeneration != this.generation) {
			return;
		}
		while (this.waiting > 0) {
			CompletableFuture<Permit> next;
			synchronized (this.lock) {
				next = this.waiters.poll();
				this.waiting = this.waiters.size();
			}
			if (next == null) {
				break;
			}
			if (next.complete(new Permit(permitGeneration))) {
				// Handed straight to the oldest waiting future.
				return;
			}
		}
		this.free.release();
		if (this.waiting > 0) {
			grantWaiting();
		}
	}

	/**
	 * Hand free slots to waiting futures. Every change that could let a future in ends here, so
	 * no future is stranded while a slot is free.
	 */
	private void grantWaiting() {
		while (this.waiting > 0) {
			CompletableFuture<Permit> next;
			Permit permit;
			synchronized (this.lock) {
				if (this.waiters.isEmpty() || !this.free.tryAcquire()) {
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
