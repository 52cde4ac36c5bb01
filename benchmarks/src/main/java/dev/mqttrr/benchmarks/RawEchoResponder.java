package dev.mqttrr.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The responder of the raw scenarios: echoes each request on {@code bench/raw/...} to its
 * response topic with its correlation data, at the request's QoS. Work leaves Paho's callback
 * thread at once, as it must. The observed one ({@code raw-inbox-observed}, under
 * {@code bench/raw-observed/...}) wraps each echo in an observation, as a hand-written responder
 * instrumented with Micrometer's Observation API would.
 */
final class RawEchoResponder implements AutoCloseable {

	static final String TOPIC_PREFIX = "bench/raw/";

	static final String OBSERVED_TOPIC_PREFIX = "bench/raw-observed/";

	private static final KeyValues OBSERVATION_KEYS = KeyValues.of("messaging.system", "mqtt", "messaging.operation",
			"process", "messaging.destination.name", OBSERVED_TOPIC_PREFIX + "#", "outcome", "success");

	private final ObservationRegistry observations;

	private final RawPaho paho;

	private final ExecutorService executor;

	RawEchoResponder(String url) throws Exception {
		this(url, "raw-echo", TOPIC_PREFIX, ObservationRegistry.NOOP);
	}

	/**
	 * A responder whose every echo is an observation in the given registry, on
	 * {@link #OBSERVED_TOPIC_PREFIX}.
	 */
	static RawEchoResponder observed(String url, ObservationRegistry observations) throws Exception {
		return new RawEchoResponder(url, "raw-echo-observed", OBSERVED_TOPIC_PREFIX, observations);
	}

	private RawEchoResponder(String url, String clientId, String topicPrefix, ObservationRegistry observations)
			throws Exception {
		this.observations = observations;
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(4,
				(task) -> new Thread(task, clientId + "-" + threads.incrementAndGet()));
		this.paho = RawPaho.connect(url, clientId, (topic, message) -> this.executor.execute(() -> observedEcho(message)));
		this.paho.client.subscribe(topicPrefix + "#", 1).waitForCompletion(10_000);
	}

	private void observedEcho(MqttMessage request) {
		if (this.observations.isNoop()) {
			echo(request);
			return;
		}
		Observation observation = Observation.createNotStarted("raw.responder", this.observations)
			.lowCardinalityKeyValues(OBSERVATION_KEYS)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			echo(request);
		}
		finally {
			observation.stop();
		}
	}

	private void echo(MqttMessage request) {
		MqttProperties properties = request.getProperties();
		if (properties == null || properties.getResponseTopic() == null) {
			return;
		}
		MqttProperties reply = new MqttProperties();
		reply.setCorrelationData(properties.getCorrelationData());
		try {
			this.paho.publish(properties.getResponseTopic(), request.getPayload(), request.getQos(), reply);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.paho.close();
		this.executor.shutdownNow();
	}

}
