package dev.mqttrr.core.observation;

import io.micrometer.common.KeyValues;

import dev.mqttrr.core.observation.MqttRequestObservation.RequestLowCardinalityKeyNames;

/**
 * The default {@link MqttRequestObservationConvention}: name {@code mqtt.request}, the
 * low-cardinality keys of {@link RequestLowCardinalityKeyNames}, no high-cardinality keys (no
 * correlation data, no client ids).
 */
public class DefaultMqttRequestObservationConvention implements MqttRequestObservationConvention {

	/** A shared instance. */
	public static final DefaultMqttRequestObservationConvention INSTANCE = new DefaultMqttRequestObservationConvention();

	private static final KeyValues COMMON = KeyValues.of(RequestLowCardinalityKeyNames.MESSAGING_SYSTEM.withValue("mqtt"),
			RequestLowCardinalityKeyNames.MESSAGING_OPERATION.withValue("request"));

	@Override
	public String getName() {
		return "mqtt.request";
	}

	@Override
	public String getContextualName(MqttRequestObservationContext context) {
		return context.getTopic() + " request";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MqttRequestObservationContext context) {
		return COMMON.and(RequestLowCardinalityKeyNames.MESSAGING_DESTINATION_NAME.withValue(context.getTopic()),
				RequestLowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome().value()));
	}

}
