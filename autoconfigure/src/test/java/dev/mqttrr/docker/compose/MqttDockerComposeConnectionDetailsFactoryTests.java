package dev.mqttrr.docker.compose;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.boot.docker.compose.core.RunningService;

import dev.mqttrr.autoconfigure.MqttConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the Docker Compose factories: which running services each serves, and the connection
 * details it makes of them, without Docker.
 */
class MqttDockerComposeConnectionDetailsFactoryTests {

	@ParameterizedTest
	@CsvSource({ "eclipse-mosquitto:2.0.22, MosquittoDockerComposeConnectionDetailsFactory",
			"eclipse-mosquitto, MosquittoDockerComposeConnectionDetailsFactory",
			"docker.io/library/eclipse-mosquitto:2, MosquittoDockerComposeConnectionDetailsFactory",
			"hivemq/hivemq-ce:2025.5, HiveMqDockerComposeConnectionDetailsFactory",
			"emqx/emqx:5.8.6, EmqxDockerComposeConnectionDetailsFactory",
			"emqx:5.8.6, EmqxDockerComposeConnectionDetailsFactory" })
	void eachBrokerImageIsServedByItsFactoryOnly(String image, String factory) {
		RunningService service = ComposeServices.service(image, "docker.example", 32768);
		assertThat(ComposeServices.servingFactories(service)).containsExactly(factory);
	}

	@ParameterizedTest
	@ValueSource(strings = { "rabbitmq:4.1", "hivemq/hivemq4:4.40.0", "emqx/emqx-enterprise:5.8.6", "redis:8" })
	void otherImagesAreNotServed(String image) {
		RunningService service = ComposeServices.service(image, "docker.example", 32768);
		assertThat(ComposeServices.servingFactories(service)).isEmpty();
	}

	@Test
	void anImageOfAnotherNameIsServedWhenItsServiceConnectionLabelNamesABrokerImage() {
		RunningService service = ComposeServices.service("registry.example/team/mqtt-broker:7", "docker.example", 32768,
				Map.of(), Map.of("org.springframework.boot.service-connection", "eclipse-mosquitto"));
		assertThat(ComposeServices.servingFactories(service)).containsExactly("MosquittoDockerComposeConnectionDetailsFactory");
	}

	@ParameterizedTest
	@ValueSource(strings = { "eclipse-mosquitto:2.0.22", "hivemq/hivemq-ce:2025.5", "emqx/emqx:5.8.6" })
	void detailsNameTheHostAndThePortPublishedForTheMqttListener(String image) {
		MqttConnectionDetails details = connectionDetails(ComposeServices.service(image, "docker.example", 32768));
		assertThat(details.getUrl()).isEqualTo("tcp://docker.example:32768");
	}

	@Test
	void emqxDashboardCredentialsAreNotTakenForMqttClients() {
		RunningService service = ComposeServices.service("emqx/emqx:5.8.6", "docker.example", 32768,
				Map.of("EMQX_DASHBOARD__DEFAULT_USERNAME", "admin", "EMQX_DASHBOARD__DEFAULT_PASSWORD", "secret"),
				Map.of());
		MqttConnectionDetails details = connectionDetails(service);
		assertThat(details.getUsername()).isNull();
		assertThat(details.getPassword()).isNull();
	}

	@Test
	void hiveMqAndMosquittoServicesHaveNoCredentialsEither() {
		RunningService hivemq = ComposeServices.service("hivemq/hivemq-ce:2025.5", "docker.example", 32768,
				Map.of("HIVEMQ_ALLOW_ALL_CLIENTS", "false"), Map.of());
		RunningService mosquitto = ComposeServices.service("eclipse-mosquitto:2.0.22", "docker.example", 32768);
		for (RunningService service : List.of(hivemq, mosquitto)) {
			MqttConnectionDetails details = connectionDetails(service);
			assertThat(details.getUsername()).as(service.image().toString()).isNull();
			assertThat(details.getPassword()).as(service.image().toString()).isNull();
		}
	}

	@Test
	void factoriesAreRegisteredForSpringBootToFind() {
		RunningService service = ComposeServices.service("eclipse-mosquitto:2.0.22", "docker.example", 32768);
		Map<Class<?>, ConnectionDetails> found = new ConnectionDetailsFactories(getClass().getClassLoader())
			.getConnectionDetails(ComposeServices.source(service), false);
		assertThat(found).containsOnlyKeys(MqttConnectionDetails.class);
		assertThat(((MqttConnectionDetails) found.get(MqttConnectionDetails.class)).getUrl())
			.isEqualTo("tcp://docker.example:32768");
	}

	private static MqttConnectionDetails connectionDetails(RunningService service) {
		return new AbstractMqttDockerComposeConnectionDetailsFactory.MqttDockerComposeConnectionDetails(service);
	}

}
