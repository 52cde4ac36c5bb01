package dev.mqttrr.responder;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.ReceivedMessage;
import dev.mqttrr.core.observation.MqttOutcome;
import dev.mqttrr.responder.observation.DefaultMqttResponderObservationConvention;
import dev.mqttrr.responder.observation.MqttResponderObservation;
import dev.mqttrr.responder.observation.MqttResponderObservationContext;
import dev.mqttrr.responder.observation.MqttResponderObservationConvention;

/**
 * The registry and convention of the {@code mqtt.responder} observations, shared by a registry's
 * listeners. With a no-op registry, the default, a request allocates nothing here.
 */
final class ResponderObservations {

	private volatile ObservationRegistry registry = ObservationRegistry.NOOP;

	private volatile @Nullable MqttResponderObservationConvention convention;

	void setRegistry(ObservationRegistry registry) {
		this.registry = registry;
	}

	void setConvention(@Nullable MqttResponderObservationConvention convention) {
		this.convention = convention;
	}

	/** Start the observation of a request, continuing the caller's trace; {@code null} when not observed. */
	@Nullable Observation start(ReceivedMessage request, MqttResponderEndpoint endpoint) {
		ObservationRegistry registry = this.registry;
		if (registry.isNoop()) {
			return null;
		}
		return MqttResponderObservation.RESPONDER
			.observation(this.convention, DefaultMqttResponderObservationConvention.INSTANCE,
					() -> new MqttResponderObservationContext(request, endpoint.topic()), registry)
			.start();
	}

	/** Record that the request expired before the method's stage completed (no reply went back). */
	static void expired(@Nullable Observation observation) {
		if (observation != null && observation.getContext() instanceof MqttResponderObservationContext context) {
			context.setOutcome(MqttOutcome.TIMEOUT);
		}
	}

	/** Record that the method failed (an error reply goes back instead). */
	static void failed(@Nullable Observation observation, Throwable failure) {
		if (observation != null) {
			if (observation.getContext() instanceof MqttResponderObservationContext context) {
				context.setOutcome(MqttOutcome.ERROR);
			}
			observation.error(failure);
		}
	}

}
