package dev.mqttrr.benchmarks;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * {@code raw-per-request}: plain Paho with a SUBSCRIBE to a fresh reply topic before each request
 * and an UNSUBSCRIBE after it, the flow the original design described. The UNSUBSCRIBE is not
 * waited for, which flatters this row.
 */
final class RawPerRequestScenario implements Scenario {

	private final RawPaho paho;

	private final Map<String, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();

	RawPerRequestScenario(String url) throws Exception {
		this.paho = RawPaho.connect(url, "raw-per-request", this::onReply);
	}

	@Override
	public String name() {
		return "raw-per-request";
	}

	private void onReply(String topic, MqttMessage message) {
		CompletableFuture<byte[]> future = this.pending.remove(topic);
		if (future != null) {
			future.complete(message.getPayload());
		}
	}

	@Override
	public Requester requester(int qos, int payloadSize) {
		byte[] payload = new byte[payloadSize];
		String topic = RawEchoResponder.TOPIC_PREFIX + "q" + qos;
		return () -> {
			String replyTopic = "bench/raw-per-request/replies/" + UUID.randomUUID();
			CompletableFuture<byte[]> future = new CompletableFuture<>();
			this.pending.put(replyTopic, future);
			try {
				this.paho.client.subscribe(replyTopic, 1).waitForCompletion(30_000);
				MqttProperties properties = new MqttProperties();
				properties.setResponseTopic(replyTopic);
				properties.setCorrelationData(new byte[16]);
				this.paho.publish(topic, payload, qos, properties);
				Checks.echo(payload, future.get(30, TimeUnit.SECONDS));
			}
			finally {
				this.pending.remove(replyTopic);
				this.paho.client.unsubscribe(replyTopic);
			}
		};
	}

	@Override
	public AutoCloseable sendUnanswered(int count) {
		return () -> {
		};
	}

	@Override
	public int pendingRequests() {
		return this.pending.size();
	}

	@Override
	public void close() {
		this.paho.close();
	}

}
