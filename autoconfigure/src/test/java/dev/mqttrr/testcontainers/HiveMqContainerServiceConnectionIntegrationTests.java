package dev.mqttrr.testcontainers;

import org.junit.jupiter.api.Test;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.autoconfigure.embedded.EmbeddedHiveMqBroker;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttRequestOperations;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Container @ServiceConnection} end to end, as the README shows it: the application
 * connects to HiveMQ CE in a container and a request goes through it to the application's own
 * responder. Skipped where Docker does not run.
 */
@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class HiveMqContainerServiceConnectionIntegrationTests {

	@Container
	@ServiceConnection
	static HiveMQContainer hivemq = new HiveMQContainer(DockerImageName.parse("hivemq/hivemq-ce:2025.5"));

	@Autowired
	private MqttRequestOperations mqtt;

	@Autowired
	private ApplicationContext context;

	@Test
	void requestGoesThroughTheBrokerInTheContainer() {
		assertThat(this.context.getBean(MqttConnection.class).getServerUri())
			.isEqualTo("tcp://" + hivemq.getHost() + ":" + hivemq.getMqttPort());
		assertThat(this.context.getBeanNamesForType(EmbeddedHiveMqBroker.class)).isEmpty();
		assertThat(this.mqtt.request("services/echo", "hello".getBytes(UTF_8)).payloadAsString()).isEqualTo("hello");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EchoApplication {

		@MqttResponder("services/echo")
		String echo(String text) {
			return text;
		}

	}

}
