package dev.mqttrr.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.observation.DefaultMqttRequestObservationConvention;
import dev.mqttrr.core.observation.MqttOutcome;
import dev.mqttrr.core.observation.MqttRequestObservation;
import dev.mqttrr.core.observation.MqttRequestObservationContext;
import dev.mqttrr.core.observation.MqttRequestObservationConvention;
import dev.mqttrr.support.Exceptions;

/**
 * Starts and stops the {@code mqtt.request} observations of a template, and writes the trace
 * context a tracer put in the observation's carrier into the request's user properties. Only used
 * when the registry is not a no-op one: an unobserved request allocates nothing here.
 */
final class RequestObservations {

	private final ObservationRegistry registry;

	private final @Nullable MqttRequestObservationConvention convention;

	RequestObservations(ObservationRegistry registry, @Nullable MqttRequestObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/** Return whether the registry observes nothing now (for example, it has no handler yet). */
	boolean isNoop() {
		return this.registry.isNoop();
	}

	/** Start the observation of a request to the given topic. */
	Observation start(String topic) {
		return MqttRequestObservation.REQUEST
			.observation(this.convention, DefaultMqttRequestObservationConvention.INSTANCE,
					() -> new MqttRequestObservationContext(topic), this.registry)
			.start();
	}

	/**
	 * Return the properties with the propagation fields of the observation's carrier as user
	 * properties, replacing user properties of the same names.
	 */
	static PublishProperties propagate(Observation observation, PublishProperties properties) {
		if (!(observation.getContext() instanceof MqttRequestObservationContext context)) {
			return properties;
		}
		Map<String, String> fields = context.getCarrier();
		if (fields == null || fields.isEmpty()) {
			return properties;
		}
		List<UserProperty> userProperties = new ArrayList<>(properties.userProperties().size() + fields.size());
		for (UserProperty property : properties.userProperties()) {
			if (!fields.containsKey(property.name())) {
				userProperties.add(property);
			}
		}
		fields.forEach((name, value) -> userProperties.add(new UserProperty(name, value)));
		return properties.toBuilder().userProperties(userProperties).build();
	}

	/** Stop the observation of a request that ended with the given failure, or none. */
	static void stop(Observation observation, @Nullable Throwable failure) {
		if (failure != null) {
			Throwable cause = Exceptions.unwrap(failure);
			if (observation.getContext() instanceof MqttRequestObservationContext context) {
				context.setOutcome(outcome(cause));
			}
			observation.error(cause);
		}
		observation.stop();
	}

	/** Return the outcome a request's failure stands for. */
	static MqttOutcome outcome(Throwable failure) {
		if (failure instanceof MqttRequestTimeoutException) {
			return MqttOutcome.TIMEOUT;
		}
		if (failure instanceof MqttNoSubscriberException) {
			return MqttOutcome.NO_SUBSCRIBER;
		}
		if (failure instanceof MqttDisconnectedException) {
			return MqttOutcome.DISCONNECTED;
		}
		if (failure instanceof MqttResponderBusyException) {
			return MqttOutcome.BUSY;
		}
		if (failure instanceof MqttResponderException) {
			return MqttOutcome.REMOTE_ERROR;
		}
		// A cancelled request counts here too.
		return MqttOutcome.ERROR;
	}

}
