package dev.mqttrr.test;

import java.time.Duration;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import static org.awaitility.Awaitility.await;

/**
 * Helpers for tests that play a peer on a raw Paho client.
 */
public final class PahoPeers {

	private PahoPeers() {
	}

	/**
	 * Publish and wait until the broker acknowledged the message and Paho freed its slot in the
	 * broker's Receive Maximum. Paho 1.2.5 wakes {@code waitForCompletion} before its callback
	 * thread frees the slot, so a loop of waited publishes can still fail with error 32202 when that
	 * thread falls behind on a busy machine.
	 */
	public static void publishAcknowledged(MqttAsyncClient client, String topic, MqttMessage message)
			throws MqttException {
		client.publish(topic, message).waitForCompletion(5000);
		await().atMost(Duration.ofSeconds(5))
			.pollDelay(Duration.ZERO)
			.pollInterval(Duration.ofMillis(1))
			.until(() -> client.getInFlightMessageCount() == 0);
	}

}
