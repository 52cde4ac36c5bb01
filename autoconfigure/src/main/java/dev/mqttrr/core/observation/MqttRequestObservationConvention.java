package dev.mqttrr.core.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for {@code mqtt.request} observations. Define a bean of this
 * type to replace {@link DefaultMqttRequestObservationConvention}.
 */
public interface MqttRequestObservationConvention extends ObservationConvention<MqttRequestObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof MqttRequestObservationContext;
	}

}
