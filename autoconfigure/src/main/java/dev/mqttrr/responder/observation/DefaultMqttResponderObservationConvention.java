package dev.mqttrr.responder.observation;

import io.micrometer.common.KeyValues;

import dev.mqttrr.responder.observation.MqttResponderObservation.ResponderLowCardinalityKeyNames;

/**
 * The default {@link MqttResponderObservationConvention}: name {@code mqtt.responder}, the
 * low-cardinality keys of {@link ResponderLowCardinalityKeyNames}, no high-cardinality keys (no
 * topics with ids in them, no correlation data, no client ids).
 */
public class DefaultMqttResponderObservationConvention implements MqttResponderObservationConvention {

	/** A shared instance. */
	public static final DefaultMqttResponderObservationConvention INSTANCE = new DefaultMqttResponderObservationConvention();

	private static final KeyValues COMMON = KeyValues.of(
			ResponderLowCardinalityKeyNames.MESSAGING_SYSTEM.withValue("mqtt"),
			ResponderLowCardinalityKeyNames.MESSAGING_OPERATION.withValue("process"));

	@Override
	public String getName() {
		return "mqtt.responder";
	}

	@Override
	public String getContextualName(MqttResponderObservationContext context) {
		return context.getFilter() + " process";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MqttResponderObservationContext context) {
		return COMMON.and(ResponderLowCardinalityKeyNames.MESSAGING_DESTINATION_NAME.withValue(context.getFilter()),
				ResponderLowCardinalityKeyNames.OUTCOME.withValue(context.getOutcome().value()));
	}

}
