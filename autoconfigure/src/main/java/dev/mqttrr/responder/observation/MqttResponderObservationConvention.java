package dev.mqttrr.responder.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for {@code mqtt.responder} observations. Define a bean of this
 * type to replace {@link DefaultMqttResponderObservationConvention}.
 */
public interface MqttResponderObservationConvention extends ObservationConvention<MqttResponderObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MqttResponderObservationContext;
	}

}
