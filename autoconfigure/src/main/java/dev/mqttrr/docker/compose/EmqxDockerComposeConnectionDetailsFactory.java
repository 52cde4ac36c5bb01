package dev.mqttrr.docker.compose;

import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;

import dev.mqttrr.autoconfigure.MqttConnectionDetails;

/**
 * {@link DockerComposeConnectionDetailsFactory} to create {@link MqttConnectionDetails} for an
 * {@code emqx/emqx} service (or the Docker official {@code emqx} image). EMQX lets clients in
 * without credentials until an authenticator is configured, and its MQTT users are not set by
 * environment variables ({@code EMQX_DASHBOARD__DEFAULT_PASSWORD} is the dashboard's login).
 */
class EmqxDockerComposeConnectionDetailsFactory extends AbstractMqttDockerComposeConnectionDetailsFactory {

	EmqxDockerComposeConnectionDetailsFactory() {
		super(new String[] { "emqx/emqx", "emqx" });
	}

}
