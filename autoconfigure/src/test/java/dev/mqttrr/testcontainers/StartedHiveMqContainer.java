package dev.mqttrr.testcontainers;

import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A {@link HiveMQContainer} that reports a host and a mapped MQTT port without Docker, as a started
 * one would: the factory reads nothing else. {@code start()} and {@code stop()} do nothing.
 */
final class StartedHiveMqContainer extends HiveMQContainer {

	private final String host;

	private final int mqttPort;

	StartedHiveMqContainer(String host, int mqttPort) {
		super(DockerImageName.parse("hivemq/hivemq-ce:2025.5"));
		this.host = host;
		this.mqttPort = mqttPort;
	}

	@Override
	public String getHost() {
		return this.host;
	}

	@Override
	public int getMqttPort() {
		return this.mqttPort;
	}

	@Override
	public boolean isRunning() {
		return true;
	}

	@Override
	public void start() {
	}

	@Override
	public void stop() {
	}

}
