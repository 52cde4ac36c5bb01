package dev.mqttrr.autoconfigure.embedded;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest application with the embedded broker, for
 * {@link EmbeddedBrokerPortInUseIntegrationTests} to start in a JVM of its own. It does nothing
 * after start-up, so the JVM ends when start-up fails only if no thread is left running.
 */
@SpringBootApplication
public class PortInUseApplication {

	public static void main(String[] args) {
		SpringApplication.run(PortInUseApplication.class, args);
	}

}
