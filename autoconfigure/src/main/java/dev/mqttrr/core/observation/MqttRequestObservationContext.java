package dev.mqttrr.core.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

/**
 * The context of an {@code mqtt.request} observation. Its carrier collects the propagation fields
 * a tracer writes ({@code traceparent}, {@code tracestate}, {@code baggage}); the template sends
 * them as user properties of the request.
 */
public class MqttRequestObservationContext extends SenderContext<Map<String, String>> {

	private final String topic;

	private MqttOutcome outcome = MqttOutcome.SUCCESS;

	/**
	 * Create a context for a request to the given topic.
	 * @param topic the request topic as the caller wrote it
	 */
	public MqttRequestObservationContext(String topic) {
		super((carrier, key, value) -> carrier.put(key, value), Kind.PRODUCER);
		setCarrier(new LinkedHashMap<>(4));
		this.topic = topic;
		setRemoteServiceName("mqtt");
	}

	/**
	 * Return the request topic as the caller wrote it.
	 * @return the topic
	 */
	public String getTopic() {
		return this.topic;
	}

	/**
	 * Return how the request ended; {@link MqttOutcome#SUCCESS} until it failed.
	 * @return the outcome
	 */
	public MqttOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the request ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(MqttOutcome outcome) {
		this.outcome = outcome;
	}

}
