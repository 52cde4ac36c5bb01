package dev.mqttrr.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestApplications;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code mqtt.responder.queue-capacity} at {@code Integer.MAX_VALUE}, the value Spring's own
 * executors use for "unbounded" and one the validator accepts, still lets requests in.
 */
class ResponderQueueCapacityIntegrationTests {

	@Test
	void largestQueueCapacityStillAnswersRequests() throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		try (ConfigurableApplicationContext context = TestApplications
			.application(Echo.class, broker.url(), "queue-capacity",
					"mqtt.responder.queue-capacity=" + Integer.MAX_VALUE)
			.run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			assertThat(template
				.request("capacity/echo", "hello".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10))
				.payloadAsString()).isEqualTo("hello");
		}
		finally {
			broker.stop();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Echo {

		@MqttResponder("capacity/echo")
		String echo(String request) {
			return request;
		}

	}

}
