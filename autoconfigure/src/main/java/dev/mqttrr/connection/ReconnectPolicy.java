package dev.mqttrr.connection;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * When to try again after the connection is lost: exponential back-off from {@code initialDelay},
 * doubling up to {@code maxDelay}.
 *
 * @param enabled whether to reconnect at all
 * @param initialDelay the delay before the first attempt
 * @param maxDelay the longest delay between attempts
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay) {

	/**
	 * Create a policy.
	 * @param enabled whether to reconnect
	 * @param initialDelay the first delay, not negative
	 * @param maxDelay the longest delay, at least {@code initialDelay}
	 */
	public ReconnectPolicy {
		Assert.isTrue(!initialDelay.isNegative(), "'initialDelay' must not be negative");
		Assert.isTrue(maxDelay.compareTo(initialDelay) >= 0, "'maxDelay' must not be less than 'initialDelay'");
	}

	/**
	 * Return the delay before the given attempt.
	 * @param attempt the attempt number, from 0
	 * @return the delay
	 */
	public Duration delay(int attempt) {
		long factor = 1L << Math.min(attempt, 20);
		Duration delay = this.initialDelay.multipliedBy(factor);
		return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
	}

}
