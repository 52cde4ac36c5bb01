package dev.mqttrr.autoconfigure.embedded;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Keeps Spring Boot's default logging when HiveMQ CE embedded is on the classpath: its jar ships a
 * {@code logback.xml} that would replace Boot's console format and ignore {@code logging.pattern.*}.
 * Does nothing when {@code logging.config} is set or the application has a Logback file of its
 * own.
 */
public class EmbeddedBrokerLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String CONFIG = "classpath:dev/mqttrr/autoconfigure/embedded/logback-spring-boot-defaults.xml";

	private static final String[] OWN_CONFIG = { "logback-test.xml", "logback-spring.xml", "logback-test-spring.xml" };

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = application.getClassLoader();
		if (environment.containsProperty("logging.config")
				|| !ClassUtils.isPresent("com.hivemq.embedded.EmbeddedHiveMQ", classLoader)
				|| !ClassUtils.isPresent("ch.qos.logback.classic.LoggerContext", classLoader) || hasOwnConfig(classLoader)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource("mqttrrEmbeddedBrokerLogging", Map.of("logging.config", CONFIG)));
	}

	private static boolean hasOwnConfig(ClassLoader classLoader) {
		for (String name : OWN_CONFIG) {
			if (classLoader.getResource(name) != null) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
