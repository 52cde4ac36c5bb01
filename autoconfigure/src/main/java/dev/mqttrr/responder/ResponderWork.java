package dev.mqttrr.responder;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the responders have taken and not yet finished, from the moment a request
 * is handed to the responder executor until its reply (or error reply) is acknowledged by the
 * broker, so that a stop can wait until every request already delivered is answered; and
 * counts the requests skipped because they expired before a responder got to them, or because
 * their response topic was refused.
 */
final class ResponderWork {

	/** Counted without a lock: every request begins and ends here, on several threads. */
	private final AtomicInteger inFlight = new AtomicInteger();

	private final LongAdder expired = new LongAdder();

	private final LongAdder refused = new LongAdder();

	private final LongAdder busy = new LongAdder();

	private final Object idle = new Object();

	/**
	 * Return an executor that counts each task it takes as a request begun; the responder ends it
	 * with {@link #end()}.
	 */
	Executor counting(Executor executor) {
		return (task) -> {
			this.inFlight.incrementAndGet();
			try {
				executor.execute(task);
			}
			catch (RuntimeException | Error ex) {
				end();
				throw ex;
			}
		};
	}

	void end() {
		if (this.inFlight.decrementAndGet() == 0) {
			synchronized (this.idle) {
				this.idle.notifyAll();
			}
		}
	}

	void expired() {
		this.expired.increment();
	}

	long expiredCount() {
		return this.expired.sum();
	}

	void refused() {
		this.refused.increment();
	}

	void busy() {
		this.busy.increment();
	}

	long busyCount() {
		return this.busy.sum();
	}

	long refusedCount() {
		return this.refused.sum();
	}

	int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Wait until no request is in flight, up to the given time.
	 * @return {@code true} if none is left
	 */
	boolean awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.idle) {
			while (this.inFlight.get() > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				// Bounded, as a wake-up between the check and the wait is possible without a lock
				// on the counter.
				this.idle.wait(Math.min(Math.max(1, left / 1_000_000), 50));
			}
		}
		return true;
	}

}
