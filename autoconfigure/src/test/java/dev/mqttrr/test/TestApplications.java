package dev.mqttrr.test;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Builds the test applications: no web server, the broker URL, a name, quick reconnects.
 */
public final class TestApplications {

	private TestApplications() {
	}

	/**
	 * Return a builder for an application on a broker.
	 * @param source the configuration class
	 * @param url the broker URL
	 * @param name the application name (the client id's prefix)
	 * @param extraProperties more properties, {@code key=value}
	 * @return the builder
	 */
	public static SpringApplicationBuilder application(Class<?> source, String url, String name,
			String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("mqtt.url=" + url, "spring.application.name=" + name,
				"mqtt.request.timeout=10s", "mqtt.reconnect.initial-delay=100ms", "mqtt.reconnect.max-delay=500ms"));
		properties.addAll(List.of(extraProperties));
		return new SpringApplicationBuilder(source).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new));
	}

}
