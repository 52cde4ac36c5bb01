package dev.mqttrr.docker.compose;

import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactories;
import org.springframework.util.ClassUtils;

import dev.mqttrr.autoconfigure.MqttConnectionDetails;

/**
 * An application with Spring Boot's Docker Compose support but neither Testcontainers nor Boot's
 * Testcontainers support, and a running Mosquitto service: returns the URL Boot's factories make
 * of it. This starter's Testcontainers factories are in the same {@code spring.factories} and
 * cannot load here. Run by {@code OptionalDependenciesTests} in such a class path.
 */
public class ComposeServiceWithoutTestcontainers implements Callable<String> {

	@Override
	public String call() {
		ClassLoader classLoader = getClass().getClassLoader();
		if (ClassUtils.isPresent("org.testcontainers.containers.Container", classLoader) || ClassUtils
			.isPresent("org.springframework.boot.testcontainers.service.connection.ServiceConnection", classLoader)) {
			throw new IllegalStateException("Testcontainers is on the class path");
		}
		Map<Class<?>, ConnectionDetails> details = new ConnectionDetailsFactories(classLoader).getConnectionDetails(
				ComposeServices.source(ComposeServices.service("eclipse-mosquitto:2", "docker.example", 32768)), true);
		return ((MqttConnectionDetails) details.get(MqttConnectionDetails.class)).getUrl();
	}

}
