package dev.mqttrr.autoconfigure.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;

/**
 * The MQTT meters beside the {@code mqtt.request} and {@code mqtt.responder} timers: counts the
 * template, the responder registry and the connection keep, read when the registry is scraped
 * (nothing is done per request). Meters without tags; each is left out when its source is not
 * there (a user's own template, connection or registry of another type).
 */
public class MqttMetrics implements MeterBinder {

	private final @Nullable MqttRequestTemplate template;

	private final @Nullable MqttResponderEndpointRegistry responders;

	private final @Nullable PahoMqttConnection connection;

	/**
	 * Create the meters' binder.
	 * @param template the request template, or {@code null}
	 * @param responders the responder registry, or {@code null}
	 * @param connection the connection, or {@code null}
	 */
	public MqttMetrics(@Nullable MqttRequestTemplate template, @Nullable MqttResponderEndpointRegistry responders,
			@Nullable PahoMqttConnection connection) {
		this.template = template;
		this.responders = responders;
		this.connection = connection;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.template != null) {
			Gauge.builder("mqtt.requests.pending", this.template, MqttRequestTemplate::getPendingRequestCount)
				.description("Requests waiting for their reply")
				.baseUnit("requests")
				.strongReference(true)
				.register(registry);
			FunctionCounter.builder("mqtt.replies.unmatched", this.template, MqttRequestTemplate::getUnmatchedReplyCount)
				.description("Replies that matched no pending request: late, duplicate, foreign or without correlation data")
				.baseUnit("replies")
				.register(registry);
		}
		if (this.responders != null) {
			FunctionCounter
				.builder("mqtt.responder.refused", this.responders,
						MqttResponderEndpointRegistry::getRefusedResponseTopicCount)
				.description("Requests refused because of their response topic")
				.baseUnit("requests")
				.register(registry);
			FunctionCounter
				.builder("mqtt.responder.expired", this.responders, MqttResponderEndpointRegistry::getExpiredRequestCount)
				.description("Requests skipped because their message expiry had passed")
				.baseUnit("requests")
				.register(registry);
			FunctionCounter
				.builder("mqtt.responder.busy", this.responders, MqttResponderEndpointRegistry::getBusyRequestCount)
				.description("Requests answered as busy: their responder had as many queued or running as it takes")
				.baseUnit("requests")
				.register(registry);
		}
		if (this.connection != null) {
			FunctionCounter.builder("mqtt.connection.reconnects", this.connection, PahoMqttConnection::getReconnectCount)
				.description("Connections made again after a lost connection")
				.baseUnit("connections")
				.register(registry);
		}
	}

}
