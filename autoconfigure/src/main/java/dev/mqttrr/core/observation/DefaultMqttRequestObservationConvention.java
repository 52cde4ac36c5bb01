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

	private final DestinationKeyValues keyValues = new DestinationKeyValues(
			KeyValues.of(RequestLowCardinalityKeyNames.MESSAGING_SYSTEM.withValue("mqtt"),
					RequestLowCardinalityKeyNames.MESSAGING_OPERATION.withValue("request")),
			RequestLowCardinalityKeyNames.MESSAGING_DESTINATION_NAME, RequestLowCardinalityKeyNames.OUTCOME, "request");

	@Override
	public String getName() {
		return "mqtt.request";
	}

	@Override
	public String getContextualName(MqttRequestObservationContext context) {
		return this.keyValues.contextualName(context.getTopic());
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MqttRequestObservationContext context) {
		return this.keyValues.keyValues(context.getTopic(), context.getOutcome());
	}

}
