package dev.mqttrr.autoconfigure.embedded;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.autoconfigure.MqttAutoConfiguration;
import dev.mqttrr.autoconfigure.MqttConnectionDetails;
import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.test.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MqttEmbeddedBrokerAutoConfiguration}, starting real embedded HiveMQ brokers.
 */
class MqttEmbeddedBrokerAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MqttEmbeddedBrokerAutoConfiguration.class, MqttAutoConfiguration.class));

	@Test
	void withoutUrlStartsAnEmbeddedBrokerAndConnectsToIt() {
		this.contextRunner.withPropertyValues("mqtt.embedded.port=0").withBean(Echo.class).run((context) -> {
			EmbeddedHiveMqBroker broker = context.getBean(EmbeddedHiveMqBroker.class);
			MqttConnection connection = context.getBean(MqttConnection.class);
			assertThat(broker.isRunning()).isTrue();
			assertThat(connection.getServerUri()).isEqualTo(broker.getUrl()).startsWith("tcp://127.0.0.1:");
			assertThat(connection.isConnected()).isTrue();
			assertThat(context.getBean(MqttRequestTemplate.class)
				.request("services/echo", "hi".getBytes(StandardCharsets.UTF_8))
				.payloadAsString()).isEqualTo("hi");
		});
	}

	@Test
	void brokerStopsAfterTheClientDisconnectsAndItsFolderIsRemoved() {
		EmbeddedHiveMqBroker[] broker = new EmbeddedHiveMqBroker[1];
		PahoMqttConnection[] connection = new PahoMqttConnection[1];
		this.contextRunner.withPropertyValues("mqtt.embedded.port=0").run((context) -> {
			broker[0] = context.getBean(EmbeddedHiveMqBroker.class);
			connection[0] = context.getBean(PahoMqttConnection.class);
		});
		assertThat(connection[0].isRunning()).isFalse();
		assertThat(broker[0].isRunning()).isFalse();
		assertThat(broker[0].getDataFolder()).isNull();
	}

	@Test
	void withUrlNoEmbeddedBrokerStarts() {
		MosquittoBroker mosquitto = new MosquittoBroker().start();
		try {
			this.contextRunner.withPropertyValues("mqtt.url=" + mosquitto.url())
				.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedHiveMqBroker.class)
					.getBean(MqttConnection.class)
					.satisfies((connection) -> assertThat(connection.isConnected()).isTrue()));
		}
		finally {
			mosquitto.stop();
		}
	}

	@Test
	void disabledExplicitlyNoEmbeddedBrokerStarts() {
		// Were the embedded broker on, the client would connect to it instead of this dead address.
		this.contextRunner.withPropertyValues("mqtt.embedded.enabled=false", "mqtt.url=tcp://127.0.0.1:1",
				"mqtt.connection-timeout=1s", "mqtt.auto-startup=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedHiveMqBroker.class)
				.getBean(MqttConnection.class)
				.satisfies((connection) -> assertThat(connection.getServerUri()).isEqualTo("tcp://127.0.0.1:1")));
	}

	@Test
	void enabledExplicitlyWinsOverUrl() {
		this.contextRunner.withPropertyValues("mqtt.embedded.enabled=true", "mqtt.embedded.port=0",
				"mqtt.url=tcp://broker.example:1883")
			.run((context) -> assertThat(context.getBean(MqttConnection.class).getServerUri())
				.isEqualTo(context.getBean(EmbeddedHiveMqBroker.class).getUrl()));
	}

	@Test
	void connectionDetailsBeanTurnsTheEmbeddedBrokerOffEvenWhenEnabledExplicitly() {
		// A service connection registers such a bean: the broker it names is the one to use.
		this.contextRunner.withPropertyValues("mqtt.embedded.enabled=true", "mqtt.auto-startup=false")
			.withBean(MqttConnectionDetails.class, () -> () -> "tcp://broker.example:1883")
			.run((context) -> assertThat(context).doesNotHaveBean(EmbeddedHiveMqBroker.class)
				.getBean(MqttConnection.class)
				.satisfies((connection) -> assertThat(connection.getServerUri()).isEqualTo("tcp://broker.example:1883")));
	}

	static class Echo {

		@MqttResponder("services/echo")
		String echo(String text) {
			return text;
		}

	}

}
