package dev.mqttrr.testcontainers;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttRequestOperations;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Mosquitto container, declared as written there, end to end. Skipped where Docker
 * does not run.
 */
@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class MosquittoContainerServiceConnectionIntegrationTests {

	@Container
	@ServiceConnection(name = "eclipse-mosquitto")
	static GenericContainer<?> mosquitto = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2.0.22"))
		.withExposedPorts(1883)
		.withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf");

	@Autowired
	private MqttRequestOperations mqtt;

	@Autowired
	private MqttConnection connection;

	@Test
	void requestGoesThroughTheBrokerInTheContainer() {
		assertThat(this.connection.getServerUri())
			.isEqualTo("tcp://" + mosquitto.getHost() + ":" + mosquitto.getMappedPort(1883));
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
