package dev.mqttrr.docker.compose;

import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;

import dev.mqttrr.autoconfigure.MqttConnectionDetails;

/**
 * {@link DockerComposeConnectionDetailsFactory} to create {@link MqttConnectionDetails} for a
 * {@code hivemq/hivemq-ce} service. HiveMQ CE has no built-in users: its image lets every client in
 * through the allow-all extension ({@code HIVEMQ_ALLOW_ALL_CLIENTS}), and authentication needs an
 * extension of its own.
 */
class HiveMqDockerComposeConnectionDetailsFactory extends AbstractMqttDockerComposeConnectionDetailsFactory {

	HiveMqDockerComposeConnectionDetailsFactory() {
		super(new String[] { "hivemq/hivemq-ce" });
	}

}
