package dev.mqttrr.core.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The {@code mqtt.request} observation: one per request of the template, from the call to the
 * reply, the error or the timeout.
 */
public enum MqttRequestObservation implements ObservationDocumentation {

	/** A request and the wait for its reply. */
	REQUEST {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultMqttRequestObservationConvention.class;
		}

		@Override
		public String getPrefix() {
			return "mqtt.";
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return RequestLowCardinalityKeyNames.values();
		}

	};

	/**
	 * Low-cardinality keys of {@code mqtt.request}, after OpenTelemetry's messaging conventions.
	 */
	public enum RequestLowCardinalityKeyNames implements KeyName {

		/** Always {@code mqtt}. */
		MESSAGING_SYSTEM {
			@Override
			public String asString() {
				return "messaging.system";
			}
		},

		/** Always {@code request}. */
		MESSAGING_OPERATION {
			@Override
			public String asString() {
				return "messaging.operation";
			}
		},

		/** The request topic as the caller wrote it. */
		MESSAGING_DESTINATION_NAME {
			@Override
			public String asString() {
				return "messaging.destination.name";
			}
		},

		/** How the request ended: a value of {@link MqttOutcome}. */
		OUTCOME {
			@Override
			public String asString() {
				return "mqtt.outcome";
			}
		}

	}

}
