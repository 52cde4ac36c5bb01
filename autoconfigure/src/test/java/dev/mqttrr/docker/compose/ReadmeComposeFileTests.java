package dev.mqttrr.docker.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's {@code compose.yaml} true: its one service is a broker image a factory of
 * this starter serves, it publishes the MQTT port, and the Mosquitto configuration it mounts is
 * the README's, which lets clients in from outside the container.
 */
class ReadmeComposeFileTests {

	@Test
	@SuppressWarnings("unchecked")
	void readmeComposeFileRunsOneBrokerThisStarterConnectsTo() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		Map<String, Map<String, Object>> services = new Yaml()
			.<Map<String, Map<String, Map<String, Object>>>>load(block(readme, "### Docker Compose", "```yaml"))
			.get("services");
		assertThat(services).hasSize(1);
		Map<String, Object> service = services.values().iterator().next();
		String image = (String) service.get("image");
		assertThat(ComposeServices.servingFactories(ComposeServices.service(image, "localhost", 32768)))
			.containsExactly("MosquittoDockerComposeConnectionDetailsFactory");
		assertThat((List<Object>) service.get("ports")).containsExactly("1883");
		assertThat((List<Object>) service.get("volumes"))
			.containsExactly("./mosquitto.conf:/mosquitto/config/mosquitto.conf:ro");
		assertThat(block(readme, "## External brokers", "```")).contains("listener 1883", "allow_anonymous true",
				"set_tcp_nodelay true");
	}

	/** The first fenced block that opens with the given fence after the heading. */
	private static String block(String readme, String heading, String fence) {
		int section = readme.indexOf("\n" + heading + "\n");
		assertThat(section).as(heading).isNotNegative();
		int start = readme.indexOf("\n" + fence + "\n", section) + fence.length() + 2;
		return readme.substring(start, readme.indexOf("\n```\n", start));
	}

}
