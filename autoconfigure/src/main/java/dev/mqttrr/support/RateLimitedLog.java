package dev.mqttrr.support;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

/**
 * Logs what a remote peer causes at WARN, at most once per interval and cause, without a stack
 * trace, with the number of times it happened since: a peer must not be able to fill the logs.
 */
public final class RateLimitedLog {

	private final Log log;

	private final long intervalNanos;

	private final Map<String, Occurrences> causes = new ConcurrentHashMap<>();

	/**
	 * Create a rate-limited log.
	 * @param log the log to write to
	 * @param interval the least time between two lines of one cause
	 */
	public RateLimitedLog(Log log, Duration interval) {
		this.log = log;
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * Log a warning for a cause, unless one was logged for it within the interval.
	 * @param cause what happened, and to what (for example a refusal and the responder); the key
	 * of the rate limit
	 * @param message the message
	 */
	public void warn(String cause, String message) {
		warn(cause, message, null);
	}

	/**
	 * Log a warning with a stack trace for a cause, unless one was logged for it within the
	 * interval: for the application's own failures, whose stack trace its developers need, but
	 * which a peer may trigger at any rate.
	 * @param cause the key of the rate limit
	 * @param message the message
	 * @param failure the exception whose stack trace to log, or {@code null} for none
	 */
	public void warn(String cause, String message, @Nullable Throwable failure) {
		if (!this.log.isWarnEnabled()) {
			return;
		}
		Occurrences occurrences = this.causes.computeIfAbsent(cause, (key) -> new Occurrences());
		long suppressed = occurrences.next(System.nanoTime(), this.intervalNanos);
		if (suppressed >= 0) {
			String line = message + ((suppressed > 0) ? " (" + suppressed + " more like it since the last warning)"
					: "");
			if (failure != null) {
				this.log.warn(line, failure);
			}
			else {
				this.log.warn(line);
			}
		}
	}

	private static final class Occurrences {

		private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);

		private final AtomicLong suppressed = new AtomicLong();

		/** Return the number suppressed since the last line when this one is logged, else -1. */
		long next(long now, long interval) {
			long last = this.lastLogged.get();
			if ((last == Long.MIN_VALUE || now - last >= interval) && this.lastLogged.compareAndSet(last, now)) {
				return this.suppressed.getAndSet(0);
			}
			this.suppressed.incrementAndGet();
			return -1;
		}

	}

}
