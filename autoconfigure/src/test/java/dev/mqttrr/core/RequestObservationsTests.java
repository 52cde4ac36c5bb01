package dev.mqttrr.core;

import java.time.Duration;
import java.util.concurrent.CancellationException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import dev.mqttrr.core.observation.MqttOutcome;
import dev.mqttrr.core.observation.MqttRequestObservationContext;

import static org.assertj.core.api.Assertions.assertThat;

class RequestObservationsTests {

	private static final MqttReply ERROR_REPLY = new MqttReply("r", new byte[0], PublishProperties.empty());

	@Test
	void outcomeNamesEachFailureOfTheCore() {
		assertThat(RequestObservations.outcome(new MqttRequestTimeoutException("t", Duration.ofSeconds(1), "late")))
			.isEqualTo(MqttOutcome.TIMEOUT);
		assertThat(RequestObservations.outcome(new MqttNoSubscriberException("t"))).isEqualTo(MqttOutcome.NO_SUBSCRIBER);
		assertThat(RequestObservations.outcome(new MqttDisconnectedException("gone", null)))
			.isEqualTo(MqttOutcome.DISCONNECTED);
		assertThat(RequestObservations.outcome(
				new MqttResponderException("t", "urn:mqttrr:error:java.lang.ArithmeticException", "/ by zero", null,
						null, ERROR_REPLY)))
			.isEqualTo(MqttOutcome.REMOTE_ERROR);
		assertThat(RequestObservations.outcome(
				new MqttResponderBusyException("t", "Responder busy", null, null, ERROR_REPLY)))
			.isEqualTo(MqttOutcome.BUSY);
		assertThat(RequestObservations.outcome(new CancellationException())).isEqualTo(MqttOutcome.ERROR);
		assertThat(RequestObservations.outcome(new MqttRequestResponseException("other"))).isEqualTo(MqttOutcome.ERROR);
	}

	@Test
	void propagationFieldsReplaceUserPropertiesOfTheSameNameAndKeepTheOthers() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		RequestObservations observations = new RequestObservations(registry, null);
		Observation observation = observations.start("orders/create");
		((MqttRequestObservationContext) observation.getContext()).getCarrier().put("traceparent", "00-new");
		PublishProperties given = PublishProperties.builder()
			.userProperty("tenant", "a")
			.userProperty("traceparent", "00-stale")
			.build();
		PublishProperties sent = RequestObservations.propagate(observation, given);
		assertThat(sent.userProperties()).containsExactly(new UserProperty("tenant", "a"),
				new UserProperty("traceparent", "00-new"));
		RequestObservations.stop(observation, new MqttNoSubscriberException("orders/create"));
		TestObservationRegistryAssert.assertThat(registry)
			.hasObservationWithNameEqualTo("mqtt.request")
			.that()
			.hasContextualNameEqualTo("orders/create request")
			.hasLowCardinalityKeyValue("messaging.system", "mqtt")
			.hasLowCardinalityKeyValue("messaging.operation", "request")
			.hasLowCardinalityKeyValue("messaging.destination.name", "orders/create")
			.hasLowCardinalityKeyValue("mqtt.outcome", "no_subscriber")
			.hasError();
	}

}
