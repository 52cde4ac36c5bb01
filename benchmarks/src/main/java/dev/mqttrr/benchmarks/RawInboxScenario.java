package dev.mqttrr.benchmarks;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * {@code raw-inbox}, the floor: plain Paho, one reply subscription, replies matched by
 * correlation data in a concurrent map. Also {@code starter-responder}: the same requester
 * against the starter's {@code @MqttResponder}, which shows what the responder side alone costs;
 * and {@code raw-inbox-observed}: the same flow instrumented by hand with Micrometer's Observation
 * API as {@code starter-observed} is (an observation around each request and each echo, four
 * low-cardinality keys, Boot's default meter handler into a {@code SimpleMeterRegistry} per side),
 * the floor for the observed rows.
 */
final class RawInboxScenario implements Scenario {

	private final String inbox;

	private final RawPaho paho;

	private final Map<ByteBuffer, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();

	/** Correlation data as cheap as it gets, as the starter's: unique, not secret. */
	private final AtomicLong correlationCounter = new AtomicLong();

	private final String name;

	private final String requestTopicPrefix;

	private final ObservationRegistry observations;

	private final KeyValues observationKeys;

	/** The observed scenario's own echo responder; {@code null} for the others. */
	private final RawEchoResponder ownResponder;

	RawInboxScenario(String url) throws Exception {
		this(url, "raw-inbox", RawEchoResponder.TOPIC_PREFIX + "q", ObservationRegistry.NOOP, null);
	}

	private RawInboxScenario(String url, String name, String requestTopicPrefix, ObservationRegistry observations,
			RawEchoResponder ownResponder) throws Exception {
		this.name = name;
		this.requestTopicPrefix = requestTopicPrefix;
		this.observations = observations;
		this.observationKeys = KeyValues.of("messaging.system", "mqtt", "messaging.operation", "request",
				"messaging.destination.name", requestTopicPrefix + "1", "outcome", "success");
		this.ownResponder = ownResponder;
		this.inbox = "bench/" + name + "/replies";
		this.paho = RawPaho.connect(url, name, this::onReply);
		this.paho.client.subscribe(this.inbox, 1).waitForCompletion(10_000);
	}

	/**
	 * {@code starter-responder}: this requester, answered by the starter's byte echo.
	 */
	static RawInboxScenario toStarterResponder(String url) throws Exception {
		return new RawInboxScenario(url, "starter-responder", StarterScenario.ECHO_TOPIC_PREFIX, ObservationRegistry.NOOP,
				null);
	}

	/**
	 * {@code raw-inbox-observed}: this requester and an echo responder of its own, each observing
	 * every request into a registry of its own.
	 */
	static RawInboxScenario observed(String url) throws Exception {
		RawEchoResponder responder = RawEchoResponder.observed(url, StarterApplication.meteredObservationRegistry(true));
		try {
			return new RawInboxScenario(url, "raw-inbox-observed", RawEchoResponder.OBSERVED_TOPIC_PREFIX + "q",
					StarterApplication.meteredObservationRegistry(true), responder);
		}
		catch (Exception ex) {
			responder.close();
			throw ex;
		}
	}

	@Override
	public String name() {
		return this.name;
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
		String topic = this.requestTopicPrefix + qos;
		if (!this.observations.isNoop()) {
			return () -> {
				Observation observation = Observation.createNotStarted("raw.request", this.observations)
					.lowCardinalityKeyValues(this.observationKeys)
					.start();
				try {
					byte[] reply = send(topic, payload, qos).get(30, TimeUnit.SECONDS);
					Checks.echo(payload, reply);
				}
				catch (Exception ex) {
					observation.error(ex);
					throw ex;
				}
				finally {
					observation.stop();
				}
			};
		}
		return () -> {
			byte[] reply = send(topic, payload, qos).get(30, TimeUnit.SECONDS);
			Checks.echo(payload, reply);
		};
	}

	private CompletableFuture<byte[]> send(String topic, byte[] payload, int qos) throws Exception {
		byte[] correlation = new byte[16];
		ByteBuffer key = ByteBuffer.wrap(correlation);
		key.putLong(8, this.correlationCounter.incrementAndGet());
		CompletableFuture<byte[]> future = new CompletableFuture<>();
		this.pending.put(key, future);
		MqttProperties properties = new MqttProperties();
		properties.setResponseTopic(this.inbox);
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
		if (this.ownResponder != null) {
			this.ownResponder.close();
		}
	}

}
