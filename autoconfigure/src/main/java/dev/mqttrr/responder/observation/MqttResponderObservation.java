package dev.mqttrr.responder.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

import dev.mqttrr.core.observation.MqttOutcome;

/**
 * The {@code mqtt.responder} observation: one per request a responder method handles, from the
 * call to the end of its reply (for a {@code CompletionStage} result, until the stage completed and
 * the reply was sent).
 */
public enum MqttResponderObservation implements ObservationDocumentation {

	/** A responder method's handling of a request, including its reply. */
	RESPONDER {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultMqttResponderObservationConvention.class;
		}

		@Override
		public String getPrefix() {
			return "mqtt.";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return ResponderLowCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys of {@code mqtt.responder}, after OpenTelemetry's messaging conventions.
	 */
	public enum ResponderLowCardinalityKeyNames implements KeyName {

		/** Always {@code mqtt}. */
		MESSAGING_SYSTEM {
			@Override
			public String asString() {
				return "messaging.system";
			}
		},

		/** Always {@code process}. */
		MESSAGING_OPERATION {
			@Override
			public String asString() {
				return "messaging.operation";
			}
		},

		/** The responder's topic filter as written (wildcards kept, no shared-subscription prefix). */
		MESSAGING_DESTINATION_NAME {
			@Override
			public String asString() {
				return "messaging.destination.name";
			}
		},

		/** How the handling ended: a value of {@link MqttOutcome}. */
		OUTCOME {
			@Override
			public String asString() {
				return "mqtt.outcome";
			}
		}

	}

}
