package dev.mqttrr.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's property table true: it names exactly the properties in the metadata that
 * the configuration processor generates from {@link MqttProperties}.
 */
class ReadmePropertiesTests {

	private static final Pattern PROPERTY = Pattern.compile("`(mqtt\\.[a-z.-]+)`");

	@Test
	void readmeTableListsEveryPropertyAndNoOther() throws IOException {
		assertThat(readmeTableProperties()).isEqualTo(metadataProperties());
	}

	private static Set<String> readmeTableProperties() throws IOException {
		Set<String> names = new TreeSet<>();
		for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
			if (line.startsWith("| `mqtt.")) {
				String firstCell = line.substring(1, line.indexOf('|', 1));
				Matcher matcher = PROPERTY.matcher(firstCell);
				while (matcher.find()) {
					names.add(matcher.group(1));
				}
			}
		}
		return names;
	}

	private static Set<String> metadataProperties() throws IOException {
		Set<String> names = new TreeSet<>();
		try (InputStream metadata = ReadmePropertiesTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(metadata).as("configuration metadata").isNotNull();
			for (JsonNode property : JsonMapper.builder().build().readTree(metadata).get("properties")) {
				names.add(property.get("name").asString());
			}
		}
		return names;
	}

}
