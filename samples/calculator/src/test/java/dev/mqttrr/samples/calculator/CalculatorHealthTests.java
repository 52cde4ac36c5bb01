package dev.mqttrr.samples.calculator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mqttrr.core.MqttConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calculator sample's actuator over HTTP: {@code /actuator/health} shows the {@code mqtt}
 * component, up, with its details.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "mqtt.embedded.port=0")
class CalculatorHealthTests {

	@LocalServerPort
	private int port;

	@Test
	void healthShowsTheMqttComponentUpWithItsDetails(@Autowired MqttConnection connection)
			throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health"))
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode health = JsonMapper.builder().build().readTree(response.body());
		assertThat(health.path("status").asString()).isEqualTo("UP");
		JsonNode mqtt = health.path("components").path("mqtt");
		assertThat(mqtt.path("status").asString()).isEqualTo("UP");
		JsonNode details = mqtt.path("details");
		assertThat(details.path("url").asString()).isEqualTo(connection.getServerUri()).startsWith("tcp://127.0.0.1:");
		assertThat(details.path("clientId").asString()).isEqualTo(connection.getClientId()).startsWith("calculator-");
		assertThat(details.path("responders").asInt()).isEqualTo(1);
		assertThat(details.path("pendingRequests").isInt()).isTrue();
	}

}
