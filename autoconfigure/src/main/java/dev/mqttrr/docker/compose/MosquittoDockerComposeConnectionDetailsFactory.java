package dev.mqttrr.docker.compose;

import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;

import dev.mqttrr.autoconfigure.MqttConnectionDetails;

/**
 * {@link DockerComposeConnectionDetailsFactory} to create {@link MqttConnectionDetails} for an
 * {@code eclipse-mosquitto} service. Mosquitto reads users from a password file named in its
 * configuration, not from environment variables.
 */
class MosquittoDockerComposeConnectionDetailsFactory extends AbstractMqttDockerComposeConnectionDetailsFactory {

	MosquittoDockerComposeConnectionDetailsFactory() {
		super(new String[] { "eclipse-mosquitto" });
	}

}
