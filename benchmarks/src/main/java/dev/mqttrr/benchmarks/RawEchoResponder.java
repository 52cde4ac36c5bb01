package dev.mqttrr.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * The responder of the raw scenarios: echoes each request on {@code bench/raw/...} to its
 * response topic with its correlation data, at the request's QoS. Work leaves Paho's callback
 * thread at once, as it must.
 */
final class RawEchoResponder implements AutoCloseable {

	static final String TOPIC_PREFIX = "bench/raw/";

	private final RawPaho paho;

	private final ExecutorService executor;

	RawEchoResponder(String url) throws Exception {
		AtomicInteger threads = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(4,
				(task) -> new Thread(task, "raw-echo-" + threads.incrementAndGet()));
		this.paho = RawPaho.connect(url, "raw-echo", (topic, message) -> this.executor.execute(() -> echo(message)));
		this.paho.client.subscribe(TOPIC_PREFIX + "#", 1).waitForCompletion(10_000);
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
