package dev.mqttrr.testcontainers;

import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import dev.mqttrr.autoconfigure.MqttConnectionDetails;

/**
 * {@link ContainerConnectionDetailsFactory} to create {@link MqttConnectionDetails} from a
 * {@link ServiceConnection @ServiceConnection}-annotated {@link GenericContainer} of the
 * {@code eclipse-mosquitto} image (Testcontainers has no Mosquitto module). Mosquitto reads users
 * from a password file named in its configuration, not from the container's environment, so the
 * connection has no credentials.
 */
class MosquittoContainerConnectionDetailsFactory extends AbstractMqttContainerConnectionDetailsFactory<Container<?>> {

	MosquittoContainerConnectionDetailsFactory() {
		super("eclipse-mosquitto");
	}

	@Override
	int getMqttPort(Container<?> container) {
		return container.getMappedPort(MQTT_PORT);
	}

}
