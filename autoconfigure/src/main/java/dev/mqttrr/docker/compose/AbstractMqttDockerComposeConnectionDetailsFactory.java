package dev.mqttrr.docker.compose;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionDetailsFactory;
import org.springframework.boot.docker.compose.service.connection.DockerComposeConnectionSource;

import dev.mqttrr.autoconfigure.MqttConnectionDetails;

/**
 * Base {@link DockerComposeConnectionDetailsFactory} for an MQTT broker service: the URL is
 * {@code tcp://} with the service's host and the port published for the broker's listener. None of
 * the images served takes client credentials from environment variables, so the connection has
 * none.
 */
abstract class AbstractMqttDockerComposeConnectionDetailsFactory
		extends DockerComposeConnectionDetailsFactory<MqttConnectionDetails> {

	AbstractMqttDockerComposeConnectionDetailsFactory(String[] imageNames) {
		super(imageNames);
	}

	@Override
	protected final MqttConnectionDetails getDockerComposeConnectionDetails(DockerComposeConnectionSource source) {
		return new MqttDockerComposeConnectionDetails(source.getRunningService());
	}

	/**
	 * {@link MqttConnectionDetails} backed by a running MQTT broker service.
	 */
	static final class MqttDockerComposeConnectionDetails extends DockerComposeConnectionDetails
			implements MqttConnectionDetails {

		/** The port of the MQTT listener inside the container, for every image served here. */
		static final int MQTT_PORT = 1883;

		private final String url;

		MqttDockerComposeConnectionDetails(RunningService service) {
			super(service);
			this.url = "tcp://" + service.host() + ":" + service.ports().get(MQTT_PORT);
		}

		@Override
		public String getUrl() {
			return this.url;
		}

	}

}
