package dev.mqttrr.testcontainers;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.hivemq.HiveMQContainer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.autoconfigure.MqttAutoConfiguration;
import dev.mqttrr.autoconfigure.MqttConnectionDetails;
import dev.mqttrr.autoconfigure.embedded.EmbeddedHiveMqBroker;
import dev.mqttrr.autoconfigure.embedded.MqttEmbeddedBrokerAutoConfiguration;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.test.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HiveMqContainerConnectionDetailsFactory} and
 * {@link MosquittoContainerConnectionDetailsFactory}, through Spring Boot's
 * {@link ServiceConnectionAutoConfiguration} as a {@code @ServiceConnection} container bean goes,
 * with containers that report a host and port without Docker.
 */
class MqttContainerConnectionDetailsFactoryTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class,
				MqttEmbeddedBrokerAutoConfiguration.class, MqttAutoConfiguration.class));

	@Nested
	class Mapping {

		@Test
		void hiveMqContainerGivesTheUrlOfItsMappedPortAndNoCredentials() {
			MqttContainerConnectionDetailsFactoryTests.this.contextRunner.withPropertyValues("mqtt.auto-startup=false")
				.withUserConfiguration(HiveMqOnDockerHost.class)
				.run((context) -> {
					MqttConnectionDetails details = context.getBean(MqttConnectionDetails.class);
					assertThat(details.getUrl()).isEqualTo("tcp://docker.example:32771");
					assertThat(details.getUsername()).isNull();
					assertThat(details.getPassword()).isNull();
					assertThat(context.getBean(MqttConnection.class).getServerUri())
						.isEqualTo("tcp://docker.example:32771");
				});
		}

		@Test
		void mosquittoContainerNamedByItsServiceConnectionGivesTheUrlOfItsMappedPortAndNoCredentials() {
			MqttContainerConnectionDetailsFactoryTests.this.contextRunner.withPropertyValues("mqtt.auto-startup=false")
				.withUserConfiguration(MosquittoOnDockerHost.class)
				.run((context) -> {
					MqttConnectionDetails details = context.getBean(MqttConnectionDetails.class);
					assertThat(details.getUrl()).isEqualTo("tcp://docker.example:32772");
					assertThat(details.getUsername()).isNull();
					assertThat(details.getPassword()).isNull();
				});
		}

		@Test
		void serviceConnectionWinsOverMqttUrlAndTurnsTheEmbeddedBrokerOff() {
			MqttContainerConnectionDetailsFactoryTests.this.contextRunner
				.withPropertyValues("mqtt.auto-startup=false", "mqtt.url=tcp://broker.example:1883",
						"mqtt.username=app", "mqtt.password=secret", "mqtt.embedded.enabled=true")
				.withUserConfiguration(HiveMqOnDockerHost.class)
				.run((context) -> {
					assertThat(context).doesNotHaveBean(EmbeddedHiveMqBroker.class);
					MqttConnectionDetails details = context.getBean(MqttConnectionDetails.class);
					assertThat(details.getUrl()).isEqualTo("tcp://docker.example:32771");
					assertThat(details.getUsername()).isNull();
				});
		}

	}

	@Nested
	class RequestResponse {

		@Test
		void requestsGoThroughTheBrokerTheHiveMqContainerNames() {
			EmbeddedHiveMqBroker broker = new EmbeddedHiveMqBroker("127.0.0.1", 0);
			broker.start();
			try {
				assertEchoes(HiveMqOnLoopback.class, broker.getPort());
			}
			finally {
				broker.stop();
			}
		}

		@Test
		void requestsGoThroughTheBrokerTheMosquittoContainerNames() {
			MosquittoBroker mosquitto = new MosquittoBroker().start();
			try {
				assertEchoes(MosquittoOnLoopback.class, mosquitto.port());
			}
			finally {
				mosquitto.stop();
			}
		}

		private void assertEchoes(Class<?> containerConfiguration, int brokerPort) {
			MqttContainerConnectionDetailsFactoryTests.this.contextRunner.withBean(Echo.class)
				.withUserConfiguration(containerConfiguration)
				.withPropertyValues("test.broker.port=" + brokerPort)
				.run((context) -> {
					assertThat(context).doesNotHaveBean(EmbeddedHiveMqBroker.class);
					MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
					assertThat(template.request("services/echo", "hello".getBytes(StandardCharsets.UTF_8))
						.payloadAsString()).isEqualTo("hello");
				});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HiveMqOnDockerHost {

		@Bean
		@ServiceConnection
		HiveMQContainer hivemq() {
			return new StartedHiveMqContainer("docker.example", 32771);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MosquittoOnDockerHost {

		@Bean
		@ServiceConnection(name = "eclipse-mosquitto")
		GenericContainer<?> mosquitto() {
			return new StartedMosquittoContainer("docker.example", 32772);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HiveMqOnLoopback {

		@Bean
		@ServiceConnection
		HiveMQContainer hivemq(Environment environment) {
			return new StartedHiveMqContainer("127.0.0.1", environment.getRequiredProperty("test.broker.port", int.class));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class MosquittoOnLoopback {

		@Bean
		@ServiceConnection(name = "eclipse-mosquitto")
		GenericContainer<?> mosquitto(Environment environment) {
			return new StartedMosquittoContainer("127.0.0.1",
					environment.getRequiredProperty("test.broker.port", int.class));
		}

	}

	static class Echo {

		@MqttResponder("services/echo")
		String echo(String text) {
			return text;
		}

	}

}
