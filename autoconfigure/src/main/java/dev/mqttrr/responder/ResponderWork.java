package dev.mqttrr.responder;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the responders have taken and not yet finished, from the moment a request
 * is handed to the responder executor until its reply (or error reply) is acknowledged by the
 * broker, so that a stop can wait until every request already delivered is answered; and
 * counts the requests skipped because they expired before a responder got to them.
 */
final class ResponderWork {

	private int inFlight;

	private final LongAdder expired = new LongAdder();

	/**
	 * Return an executor that counts each task it takes as a request begun; the responder ends it
	 * with {@link #end()}.
	 */
	Executor counting(Executor executor) {
		return (task) -> {
			begin();
			try {
				executor.execute(task);
			}
			catch (RuntimeException ex) {
				end();
				throw ex;
			}
		};
	}

	synchronized void begin() {
		this.inFlight++;
	}

	synchronized void end() {
		if (--this.inFlight == 0) {
			notifyAll();
		}
	}

	void expired() {
		this.expired.increment();
	}

	long expiredCount() {
		return this.expired.sum();
	}

	synchronized int inFlight() {
		return this.inFlight;
	}

	/**
	 * Wait until no request is in flight, up to the given time.
	 * @return {@code true} if none is left
	 */
	synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.inFlight > 0) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			wait(Math.max(1, left / 1_000_000));
		}
		return true;
	}

}
