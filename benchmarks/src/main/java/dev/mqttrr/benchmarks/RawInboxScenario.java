package dev.mqttrr.benchmarks;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * {@code raw-inbox}, the floor: plain Paho, one reply subscription, replies matched by
 * correlation data in a concurrent map.
 */
final class RawInboxScenario implements Scenario {

	private static final String INBOX = "bench/raw-inbox/replies";

	private final RawPaho paho;

	private final Map<ByteBuffer, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	RawInboxScenario(String url) throws Exception {
		this.paho = RawPaho.connect(url, "raw-inbox", this::onReply);
		this.paho.client.subscribe(INBOX, 1).waitForCompletion(10_000);
	}

	@Override
	public String name() {
		return "raw-inbox";
	}

	private void onReply(String topic, MqttMessage message) {
		byte[] correlation = message.getProperties().getCorrelationData();
		if (correlation != null) {
			CompletableFuture<byte[]> future = this.pending.remove(ByteBuffer.wrap(correlation));
			if (future != null) {
				future.complete(message.getPayload());
			}
		}
	}

	@Override
	public Requester requester(int qos, int payloadSize) {
		byte[] payload = new byte[payloadSize];
		String topic = RawEchoResponder.TOPIC_PREFIX + "q" + qos;
		return () -> {
			byte[] reply = send(topic, payload, qos).get(30, TimeUnit.SECONDS);
			Checks.echo(payload, reply);
		};
	}

	private CompletableFuture<byte[]> send(String topic, byte[] payload, int qos) throws Exception {
		byte[] correlation = new byte[16];
		this.random.nextBytes(correlation);
		ByteBuffer key = ByteBuffer.wrap(correlation);
		CompletableFuture<byte[]> future = new CompletableFuture<>();
		this.pending.put(key, future);
		MqttProperties properties = new MqttProperties();
		properties.setResponseTopic(INBOX);
		properties.setCorrelationData(correlation);
		try {
			this.paho.publish(topic, payload, qos, properties);
		}
		catch (Exception ex) {
			this.pending.remove(key);
			throw ex;
		}
		return future;
	}

	@Override
	public AutoCloseable sendUnanswered(int count) throws Exception {
		List<ByteBuffer> keys = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			send("bench/silent", new byte[16], 1);
		}
		keys.addAll(this.pending.keySet());
		return () -> keys.forEach((key) -> {
			CompletableFuture<byte[]> future = this.pending.remove(key);
			if (future != null) {
				future.cancel(false);
			}
		});
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
