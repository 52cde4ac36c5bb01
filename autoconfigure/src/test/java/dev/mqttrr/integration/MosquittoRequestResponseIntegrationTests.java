package dev.mqttrr.integration;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.mqttrr.core.MqttPayloadTooLargeException;
import dev.mqttrr.core.MqttResponderException;
import dev.mqttrr.test.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The request/response scenarios against a real Mosquitto process, which the tests configure with
 * a maximum packet size of 1 MiB.
 */
class MosquittoRequestResponseIntegrationTests extends AbstractRequestResponseIntegrationTests {

	@Override
	protected TestBroker createBroker() {
		return TestBroker.mosquitto();
	}

	@Test
	void requestLargerThanTheBrokerAcceptsIsRefusedAndTheConnectionSurvives() {
		assertThatExceptionOfType(MqttPayloadTooLargeException.class)
			.isThrownBy(() -> this.template.request("test/echo", new byte[2 * 1024 * 1024]))
			.withMessageContaining("maximum packet size of 1048576");
		assertThat(this.template.request("test/echo", "still here".getBytes(StandardCharsets.UTF_8)).payloadAsString())
			.isEqualTo("still here");
	}

	@Test
	void replyLargerThanTheBrokerAcceptsBecomesAnErrorReply() {
		assertThatExceptionOfType(MqttResponderException.class)
			.isThrownBy(() -> this.template.request("test/huge", "2000000".getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> assertThat(ex.getTitle()).isEqualTo("MqttPayloadTooLargeException"));
		assertThat(this.template.request("test/huge", "10".getBytes(StandardCharsets.UTF_8)).payloadAsString())
			.isEqualTo("x".repeat(10));
	}

}
