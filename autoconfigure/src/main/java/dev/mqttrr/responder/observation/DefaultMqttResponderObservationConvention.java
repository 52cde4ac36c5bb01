package dev.mqttrr.responder.observation;

import io.micrometer.common.KeyValues;

import dev.mqttrr.core.observation.DestinationKeyValues;
import dev.mqttrr.responder.observation.MqttResponderObservation.ResponderLowCardinalityKeyNames;

/**
 * The default {@link MqttResponderObservationConvention}: name {@code mqtt.responder}, the
 * low-cardinality keys of {@link ResponderLowCardinalityKeyNames}, no high-cardinality keys (no
 * topics with ids in them, no correlation data, no client ids).
 */
public class DefaultMqttResponderObservationConvention implements MqttResponderObservationConvention {

	/** A shared instance. */
	public static final DefaultMqttResponderObservationConvention INSTANCE = new DefaultMqttResponderObservationConvention();

	private final DestinationKeyValues keyValues = new DestinationKeyValues(
			KeyValues.of(ResponderLowCardinalityKeyNames.MESSAGING_SYSTEM.withValue("mqtt"),
					ResponderLowCardinalityKeyNames.MESSAGING_OPERATION.withValue("process")),
			ResponderLowCardinalityKeyNames.MESSAGING_DESTINATION_NAME, ResponderLowCardinalityKeyNames.OUTCOME, "process");

	@Override
	public String getName() {
		return "mqtt.responder";
	}

	@Override
	public String getContextualName(MqttResponderObservationContext context) {
		return this.keyValues.contextualName(context.getFilter());
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(MqttResponderObservationContext context) {
		return this.keyValues.keyValues(context.getFilter(), context.getOutcome());
	}

}
