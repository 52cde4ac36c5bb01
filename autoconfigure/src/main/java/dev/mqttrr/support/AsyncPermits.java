package dev.mqttrr.support;

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
 * {@link #reset(int)} starts a new generation with a semaphore of its own: permits handed out
 * before it count no more (their release goes to the old semaphore), so a token that Paho never
 * completes after a connection loss cannot leak a slot, and threads blocked on the old generation
 * are woken to wait on the new one. {@link Permit#isCurrent()} tells a holder whether its permit
 * still counts.
 */
public final class AsyncPermits {

	/** Permits that wake every thread blocked on a generation that has been replaced. */
	private static final int WAKE_ALL = Integer.MAX_VALUE / 2;

	private final Object lock = new Object();

	private final ArrayDeque<CompletableFuture<Permit>> waiters = new ArrayDeque<>();

	private volatile Generation current;

	private volatile int waiting;

	/**
	 * Create permits.
	 * @param limit how many slots are free at first
	 */
	public AsyncPermits(int limit) {
		this.current = new Generation(limit);
	}

	/**
	 * Return a permit if one is free and no future waits, otherwise {@code null}.
	 * @return the permit, or {@code null}
	 */
	public @Nullable Permit tryAcquire() {
		while (this.waiting == 0) {
			Generation generation = this.current;
			if (!generation.free.tryAcquire()) {
				return null;
			}
			if (generation == this.current) {
				return new Permit(generation);
			}
			// Taken from a generation replaced in the meantime: worthless, try the new one.
		}
		return null;
	}

	/**
	 * Wait on the calling thread, up to the given time, for a permit.
	 * @param timeout the longest time to wait
	 * @param unit the unit of the timeout
	 * @return the permit, or {@code null} if none freed up in time
	 * @throws InterruptedException if the thread was interrupted while waiting
	 */
	public @Nullable Permit acquire(long timeout, TimeUnit unit) throws InterruptedException {
		long deadline = System.nanoTime() + unit.toNanos(timeout);
		while (true) {
			Generation generation = this.current;
			if (!generation.free.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				return null;
			}
			if (generation == this.current) {
				return new Permit(generation);
			}
		}
	}

	/**
	 * Return a future that completes with a permit when one is free; cancel it to stop waiting.
	 * @return the future permit
	 */
	public CompletableFuture<Permit> acquire() {
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
	 * @param newLimit the number of free slots of the new generation
	 */
	public void reset(int newLimit) {
		Generation old;
		synchronized (this.lock) {
			old = this.current;
			this.current = new Generation(newLimit);
		}
		old.free.release(WAKE_ALL);
		grantWaiting();
	}

	/**
	 * Return the number of free slots now.
	 * @return the free slots of the current generation
	 */
	public int available() {
		return this.current.free.availablePermits();
	}

	/**
	 * Return the number of futures waiting for a slot.
	 * @return the waiting futures
	 */
	public int waiting() {
		return this.waiting;
	}

	/**
	 * Return the number of slots of the current generation.
	 * @return the limit
	 */
	public int limit() {
		return this.current.limit;
	}

	private void release(Generation generation) {
		while (this.waiting > 0) {
			CompletableFuture<Permit> next;
			Permit permit;
			synchronized (this.lock) {
				if (generation != this.current) {
					return;
				}
				next = this.waiters.poll();
				this.waiting = this.waiters.size();
				// Made under the lock, like the generation check, so no reset comes between them.
				permit = new Permit(generation);
			}
			if (next == null) {
				break;
			}
			if (next.complete(permit)) {
				// Handed straight to the oldest waiting future.
				return;
			}
		}
		generation.free.release();
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
				Generation generation = this.current;
				if (this.waiters.isEmpty() || !generation.free.tryAcquire()) {
					return;
				}
				next = this.waiters.poll();
				this.waiting = this.waiters.size();
				permit = new Permit(generation);
			}
			if (!next.complete(permit)) {
				// The waiter gave up in the meantime: hand the slot back.
				permit.release();
			}
		}
	}

	private static final class Generation {

		final Semaphore free;

		final int limit;

		Generation(int limit) {
			this.free = new Semaphore(limit);
			this.limit = limit;
		}

	}

	/**
	 * One slot; releasing it twice is harmless.
	 */
	public final class Permit {

		private static final AtomicIntegerFieldUpdater<Permit> RELEASED = AtomicIntegerFieldUpdater
			.newUpdater(Permit.class, "released");

		private final Generation generation;

		private volatile int released;

		private Permit(Generation generation) {
			this.generation = generation;
		}

		/**
		 * Return whether this permit still counts: no {@link #reset(int)} happened since it was
		 * handed out.
		 * @return {@code true} while the permit's generation is the current one
		 */
		public boolean isCurrent() {
			return this.generation == AsyncPermits.this.current;
		}

		/**
		 * Give the slot back.
		 */
		public void release() {
			if (RELEASED.compareAndSet(this, 0, 1)) {
				AsyncPermits.this.release(this.generation);
			}
		}

	}

}
