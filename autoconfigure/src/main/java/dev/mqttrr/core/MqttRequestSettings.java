package dev.mqttrr.core;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Settings of an {@link MqttRequestTemplate}.
 *
 * @param defaultTimeout the timeout of calls that do not give one
 * @param qos the QoS of requests and of the reply subscriptions
 * @param maxPending how many requests may wait for replies at once; further callers wait for a
 * slot inside their own timeout
 * @param replyTopicPrefix the prefix of the per-client reply topic; the client id follows
 */
public record MqttRequestSettings(Duration defaultTimeout, int qos, int maxPending, String replyTopicPrefix) {

	/**
	 * Create settings.
	 * @param defaultTimeout positive timeout
	 * @param qos 0, 1 or 2
	 * @param maxPending at least 1
	 * @param replyTopicPrefix the reply topic prefix, may be empty
	 */
	public MqttRequestSettings {
		Assert.isTrue(!defaultTimeout.isNegative() && !defaultTimeout.isZero(), "'defaultTimeout' must be positive");
		Assert.isTrue(qos >= 0 && qos <= 2, () -> "'qos' must be 0, 1 or 2: " + qos);
		Assert.isTrue(maxPending > 0, () -> "'maxPending' must be at least 1: " + maxPending);
		Assert.notNull(replyTopicPrefix, "'replyTopicPrefix' must not be null");
	}

}
