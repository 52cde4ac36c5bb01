package dev.mqttrr.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttDisconnectedException;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.test.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * An application that starts before its broker: it starts, fails requests at once meanwhile, and
 * serves once the broker is there.
 */
class StartWithoutBrokerIntegrationTests {

	@Test
	void startsWithoutABrokerFailsRequestsAtOnceAndServesOnceTheBrokerComes() {
		MosquittoBroker broker = new MosquittoBroker();
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(Echo.class, broker.url(), "early", "mqtt.connection-timeout=1s").run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			long before = System.nanoTime();
			assertThatExceptionOfType(MqttDisconnectedException.class)
				.isThrownBy(() -> template.request("early/echo", bytes("too early")))
				.withMessageContaining("has not been up yet");
			assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(100));
			broker.start();
			long brokerUp = System.nanoTime();
			await().atMost(Duration.ofSeconds(3))
				.ignoreExceptions()
				.until(() -> template.request("early/echo", bytes("now"), Duration.ofSeconds(1)).payloadAsString()
					.equals("now"));
			assertThat(Duration.ofNanos(System.nanoTime() - brokerUp)).isLessThan(Duration.ofSeconds(3));
		}
		finally {
			broker.stop();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Echo {

		@MqttResponder("early/echo")
		String echo(String request) {
			return request;
		}

	}

}
