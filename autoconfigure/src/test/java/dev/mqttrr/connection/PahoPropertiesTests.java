package dev.mqttrr.connection;

import org.junit.jupiter.api.Test;

import dev.mqttrr.core.OutgoingMessage;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.ReceivedMessage;

import static org.assertj.core.api.Assertions.assertThat;

class PahoPropertiesTests {

	@Test
	void roundTripThroughPahoKeepsEveryProperty() {
		PublishProperties properties = PublishProperties.builder()
			.contentType("application/json")
			.responseTopic("replies/a")
			.correlationData(new byte[] { 7 })
			.messageExpiryInterval(30L)
			.payloadFormatIndicator(true)
			.userProperty("k", "v")
			.userProperty("k", "w")
			.build();
		OutgoingMessage sent = new OutgoingMessage("t/1", new byte[] { 1, 2 }, 1, properties);
		ReceivedMessage received = PahoProperties.fromPaho("t/1", PahoProperties.toPaho(sent));
		assertThat(received.properties()).isEqualTo(properties);
		assertThat(received.payload()).containsExactly(1, 2);
		assertThat(received.qos()).isEqualTo(1);
	}

}
