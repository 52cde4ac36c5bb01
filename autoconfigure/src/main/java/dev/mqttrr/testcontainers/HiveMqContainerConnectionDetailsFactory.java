package dev.mqttrr.testcontainers;

import org.testcontainers.hivemq.HiveMQContainer;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import dev.mqttrr.autoconfigure.MqttConnectionDetails;

/**
 * {@link ContainerConnectionDetailsFactory} to create {@link MqttConnectionDetails} from a
 * {@link ServiceConnection @ServiceConnection}-annotated {@link HiveMQContainer}. The HiveMQ images
 * let every client in through their bundled allow-all extension, and nothing in the container names
 * credentials, so the connection has none.
 */
class HiveMqContainerConnectionDetailsFactory extends AbstractMqttContainerConnectionDetailsFactory<HiveMQContainer> {

	HiveMqContainerConnectionDetailsFactory() {
		// Testcontainers' HiveMQ module is optional: without it this factory serves nothing.
		super(ANY_CONNECTION_NAME, "org.testcontainers.hivemq.HiveMQContainer");
	}

	@Override
	int getMqttPort(HiveMQContainer container) {
		return container.getMqttPort();
	}

}
