package dev.mqttrr.testcontainers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A {@link GenericContainer} of the {@code eclipse-mosquitto} image that reports a host and a
 * mapped MQTT port without Docker, as a started one would: the factory reads nothing else.
 * {@code start()} and {@code stop()} do nothing.
 */
final class StartedMosquittoContainer extends GenericContainer<StartedMosquittoContainer> {

	private final String host;

	private final int mqttPort;

	StartedMosquittoContainer(String host, int mqttPort) {
		super(DockerImageName.parse("eclipse-mosquitto:2.0.22"));
		this.host = host;
		this.mqttPort = mqttPort;
	}

	@Override
	public String getHost() {
		return this.host;
	}

	@Override
	public Integer getMappedPort(int originalPort) {
		if (originalPort != 1883) {
			throw new IllegalArgumentException("Only port 1883 is mapped, not " + originalPort);
		}
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
