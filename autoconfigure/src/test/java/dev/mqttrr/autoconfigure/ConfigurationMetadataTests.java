package dev.mqttrr.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata that the configuration processor builds from {@link MqttProperties}
 * (IDEs show it while a user types a property) describes every {@code mqtt.*} property, and its
 * hints name only properties that exist.
 */
class ConfigurationMetadataTests {

	@Test
	void everyMqttPropertyHasADescription() throws IOException {
		JsonNode metadata = metadata();
		List<String> undescribed = new ArrayList<>();
		int count = 0;
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("mqtt.")) {
				count++;
				JsonNode description = property.get("description");
				if (description == null || description.asString().isBlank()) {
					undescribed.add(name);
				}
			}
		}
		assertThat(count).as("mqtt.* properties in the metadata").isGreaterThan(20);
		assertThat(undescribed).as("mqtt.* properties without a description (add javadoc to the field)").isEmpty();
	}

	@Test
	void hintsNameExistingProperties() throws IOException {
		JsonNode metadata = metadata();
		Set<String> properties = new TreeSet<>();
		metadata.get("properties").forEach((property) -> properties.add(property.get("name").asString()));
		Set<String> hinted = new TreeSet<>();
		metadata.get("hints").forEach((hint) -> hinted.add(hint.get("name").asString()));
		assertThat(hinted).contains("mqtt.url", "mqtt.request.qos");
		assertThat(properties).containsAll(hinted);
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream metadata = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("META-INF/spring-configuration-metadata.json on the class path").isNotNull();
			return JsonMapper.builder().build().readTree(metadata);
		}
	}

}
