package dev.mqttrr.testcontainers;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.testcontainers.containers.GenericContainer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import dev.mqttrr.autoconfigure.MqttAutoConfiguration;
import dev.mqttrr.autoconfigure.MqttConnectionDetails;

/**
 * An application with Spring Boot's Testcontainers support but without Testcontainers' HiveMQ
 * module, and a Mosquitto container: returns the URL its service connection gives. Run by
 * {@code OptionalDependenciesTests} in a class path without that module.
 */
public class MosquittoContainerWithoutHiveMqModule implements Callable<String> {

	@Override
	public String call() {
		if (ClassUtils.isPresent("org.testcontainers.hivemq.HiveMQContainer", getClass().getClassLoader())) {
			throw new IllegalStateException("Testcontainers' HiveMQ module is on the class path");
		}
		AtomicReference<String> url = new AtomicReference<>();
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ServiceConnectionAutoConfiguration.class, MqttAutoConfiguration.class))
			.withPropertyValues("mqtt.auto-startup=false")
			.withUserConfiguration(MosquittoConfiguration.class)
			.run((context) -> url.set(context.getBean(MqttConnectionDetails.class).getUrl()));
		return url.get();
	}

	@Configuration(proxyBeanMethods = false)
	static class MosquittoConfiguration {

		@Bean
		@ServiceConnection(name = "eclipse-mosquitto")
		GenericContainer<?> mosquitto() {
			return new StartedMosquittoContainer("docker.example", 32772);
		}

	}

}
