package dev.mqttrr.core.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.junit.jupiter.api.Test;

import dev.mqttrr.core.observation.MqttRequestObservation.RequestLowCardinalityKeyNames;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationKeyValuesTests {

	private final DestinationKeyValues keyValues = new DestinationKeyValues(
			KeyValues.of(RequestLowCardinalityKeyNames.MESSAGING_SYSTEM.withValue("mqtt")),
			RequestLowCardinalityKeyNames.MESSAGING_DESTINATION_NAME, RequestLowCardinalityKeyNames.OUTCOME, "request");

	@Test
	void keyValuesHoldTheCommonOnesTheDestinationAndTheOutcome() {
		assertThat(this.keyValues.keyValues("services/translate", MqttOutcome.TIMEOUT)).containsExactlyInAnyOrder(
				KeyValue.of("messaging.system", "mqtt"), KeyValue.of("messaging.destination.name", "services/translate"),
				KeyValue.of("mqtt.outcome", "timeout"));
		assertThat(this.keyValues.contextualName("services/translate")).isEqualTo("services/translate request");
	}

	@Test
	void keyValuesAreMadeOncePerDestinationAndOutcome() {
		KeyValues first = this.keyValues.keyValues("a", MqttOutcome.SUCCESS);
		assertThat(this.keyValues.keyValues("a", MqttOutcome.SUCCESS)).isSameAs(first);
		assertThat(this.keyValues.keyValues("a", MqttOutcome.BUSY)).isNotSameAs(first)
			.contains(KeyValue.of("mqtt.outcome", "busy"));
		assertThat(this.keyValues.contextualName("a")).isSameAs(this.keyValues.contextualName("a"));
	}

	@Test
	void destinationsPastTheLimitAreStillRightButNotKept() {
		for (int i = 0; i < DestinationKeyValues.MAX_DESTINATIONS; i++) {
			this.keyValues.keyValues("devices/" + i, MqttOutcome.SUCCESS);
		}
		String beyond = "devices/beyond";
		KeyValues values = this.keyValues.keyValues(beyond, MqttOutcome.ERROR);
		assertThat(values).contains(KeyValue.of("messaging.destination.name", beyond),
				KeyValue.of("mqtt.outcome", "error"));
		assertThat(this.keyValues.keyValues(beyond, MqttOutcome.ERROR)).isEqualTo(values).isNotSameAs(values);
		assertThat(this.keyValues.keyValues("devices/0", MqttOutcome.SUCCESS))
			.isSameAs(this.keyValues.keyValues("devices/0", MqttOutcome.SUCCESS));
	}

}
