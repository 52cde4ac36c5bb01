package dev.mqttrr.autoconfigure.health;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

import dev.mqttrr.core.MqttConnection;

/**
 * An application with {@code @EnableAutoConfiguration}, as a user's is: the auto-configurations
 * are read by name from {@code AutoConfiguration.imports}. Run by {@code ClassPathWithout} to see
 * the health auto-configuration step aside where Spring Boot's health support is missing, so it
 * names no health type itself. Returns what it found.
 */
public class AutoConfigurationWithoutHealth implements Callable<String> {

	@Override
	public String call() {
		boolean health = ClassUtils.isPresent("org.springframework.boot.health.contributor.HealthIndicator",
				getClass().getClassLoader());
		AtomicReference<String> result = new AtomicReference<>();
		new ApplicationContextRunner().withUserConfiguration(Application.class)
			.withPropertyValues("mqtt.url=tcp://broker.example:1883", "mqtt.auto-startup=false")
			.run((context) -> {
				if (context.getStartupFailure() != null) {
					throw new IllegalStateException(context.getStartupFailure());
				}
				result.set("health support: " + health + ", connection: "
						+ context.getBean(MqttConnection.class).getServerUri() + ", mqtt health indicator: "
						+ context.containsBean("mqttHealthContributor"));
			});
		return result.get();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class Application {

	}

}
