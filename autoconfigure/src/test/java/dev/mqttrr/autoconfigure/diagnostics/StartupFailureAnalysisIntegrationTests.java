package dev.mqttrr.autoconfigure.diagnostics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.test.Mqtt311OnlyServer;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Each way a start-up fails because of mqtt-rr prints Spring Boot's "APPLICATION FAILED TO START"
 * report, with a description of what happened and what to do: a real {@code SpringApplication}
 * run against brokers the tests start, its console output captured.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureAnalysisIntegrationTests {

	@Nested
	class WrongProperties {

		@Test
		void httpUrlNamesThePropertyAndTheAllowedSchemes(CapturedOutput output) {
			run(output, "mqtt.url=http://localhost:1883");
			assertReport(output, List.of("Property: mqtt.url", "Value: \"http://localhost:1883\"",
					"Reason: has the scheme http://; the allowed schemes are tcp://, ssl:// (TLS), ws:// and wss://"),
					"Update your application's configuration");
		}

		@Test
		void urlWithoutSchemeNamesThePropertyAndTheAllowedSchemes(CapturedOutput output) {
			run(output, "mqtt.url=localhost:1883");
			assertReport(output, List.of("Property: mqtt.url", "Value: \"localhost:1883\"",
					"Reason: must start with tcp://, ssl://, ws:// or wss://"), "Update your application's configuration");
		}

		@Test
		void negativeRequestTimeoutNamesTheProperty(CapturedOutput output) {
			run(output, "mqtt.url=tcp://127.0.0.1:1883", "mqtt.request.timeout=-1s");
			assertReport(output, List.of("Property: mqtt.request.timeout", "Reason: must be positive"),
					"Update your application's configuration");
		}

		@Test
		void zeroResponderConcurrencyNamesTheProperty(CapturedOutput output) {
			run(output, "mqtt.url=tcp://127.0.0.1:1883", "mqtt.responder.concurrency=0");
			assertReport(output, List.of("Property: mqtt.responder.concurrency", "Value: \"0\"",
					"Reason: must be at least 1"), "Update your application's configuration");
		}

	}

	@Nested
	class Brokers {

		@Test
		void unreachableBrokerWithFailFast(CapturedOutput output) {
			String url = "tcp://127.0.0.1:" + closedPort();
			run(output, "mqtt.url=" + url, "mqtt.fail-fast=true", "mqtt.connection-timeout=5s");
			assertReport(output,
					List.of("mqtt-rr could not connect to the MQTT broker at " + url
							+ ": Unable to connect to server: Connection refused",
							"With mqtt.fail-fast=true a broker that cannot be reached fails start-up."),
					"Start the broker, or correct mqtt.url", "remove mqtt.fail-fast=true");
		}

		@Test
		void refusedCredentials(CapturedOutput output, @TempDir Path folder) throws Exception {
			MosquittoBroker broker = mosquittoWithPassword(folder).start();
			try {
				run(output, "mqtt.url=" + broker.url(), "mqtt.username=app", "mqtt.password=wrong-Secret-4711");
				assertReport(output, List.of("mqtt-rr could not connect to the MQTT broker at " + broker.url()
						+ ": the broker refused the credentials (reason code 135, not authorized)."),
						"Check mqtt.username and mqtt.password");
				assertThat(output.getAll()).doesNotContain("wrong-Secret-4711");
			}
			finally {
				broker.stop();
			}
		}

		@Test
		void brokerThatSpeaksOnlyMqtt311(CapturedOutput output) throws IOException {
			try (Mqtt311OnlyServer server = new Mqtt311OnlyServer()) {
				run(output, "mqtt.url=" + server.url());
				assertReport(output,
						List.of("mqtt-rr could not connect to the MQTT broker at " + server.url()
								+ ": the broker refused protocol version 5: Invalid Return code (reason code 50001).",
								"The broker does not speak MQTT 5, only an older version such as MQTT 3.1.1."),
						"mqtt-rr needs MQTT 5", "Point mqtt.url at a broker that speaks MQTT 5");
			}
		}

	}

	@Nested
	class Responders {

		@Test
		void twoPayloadParameters(CapturedOutput output) {
			run(output, TwoPayloads.class, "mqtt.url=tcp://127.0.0.1:1883", "mqtt.auto-startup=false");
			assertReport(output,
					List.of("@MqttResponder method " + TwoPayloads.class.getName()
							+ ".answer has 2 parameters that would each receive the payload."),
					"Keep one payload parameter and annotate the others with @Header, or take Message<?>.");
		}

		@Test
		void invalidTopic(CapturedOutput output) {
			run(output, BadTopic.class, "mqtt.url=tcp://127.0.0.1:1883", "mqtt.auto-startup=false");
			assertReport(output, List.of("Invalid @MqttResponder method " + BadTopic.class.getName()
					+ ".answer on bean", "'#' only as the whole last level: services/#/bad"),
					"Correct the method's @MqttResponder");
		}

		@Test
		void overlappingFiltersOnABrokerWithoutSubscriptionIdentifiers(CapturedOutput output) {
			TestBroker broker = TestBroker.hivemqWithoutSubscriptionIdentifiers();
			broker.start();
			try {
				run(output, Overlapping.class, "mqtt.url=" + broker.url());
				assertReport(output,
						List.of("Overlapping.plus ('over/+')", "Overlapping.hash ('over/#')",
								"does not support MQTT 5 subscription identifiers"),
						"Use filters that do not overlap, or a broker with subscription identifiers");
			}
			finally {
				broker.stop();
			}
		}

	}

	private static void run(CapturedOutput output, String... properties) {
		run(output, List.of(App.class), properties);
	}

	private static void run(CapturedOutput output, Class<?> component, String... properties) {
		run(output, List.of(App.class, component), properties);
	}

	private static void run(CapturedOutput output, List<Class<?>> sources, String... properties) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.add("mqtt.embedded.enabled=false");
		all.add("spring.main.banner-mode=off");
		Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(sources.toArray(Class<?>[]::new))
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run()
			.close());
		assertThat(failure).as("start-up failure").isNotNull();
	}

	/**
	 * Assert that the output has Boot's report with a description that contains each of the given
	 * parts and an action that contains each of the others.
	 */
	private static void assertReport(CapturedOutput output, List<String> description, String... action) {
		String all = output.getAll();
		assertThat(all).contains("APPLICATION FAILED TO START").doesNotContain("Application run failed");
		int descriptionStart = all.indexOf("Description:");
		int actionStart = all.indexOf("Action:", descriptionStart);
		assertThat(descriptionStart).as("Description in%n%s", all).isNotNegative();
		assertThat(actionStart).as("Action in%n%s", all).isNotNegative();
		String descriptionText = all.substring(descriptionStart, actionStart);
		String actionText = all.substring(actionStart);
		assertThat(descriptionText).contains(description);
		assertThat(actionText).contains(action);
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static MosquittoBroker mosquittoWithPassword(Path folder) throws IOException, InterruptedException {
		MosquittoBroker.binary();
		Path passwords = folder.resolve("passwords");
		Process passwd = new ProcessBuilder("mosquitto_passwd", "-b", "-c", passwords.toString(), "app", "right")
			.redirectErrorStream(true)
			.start();
		assertThat(passwd.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(passwd.exitValue()).isZero();
		// Mosquitto started as root runs as the user 'mosquitto', which must be able to read it.
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-r--r--"));
		return new MosquittoBroker().withConfig("allow_anonymous false\npassword_file " + passwords);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

	static class TwoPayloads {

		@MqttResponder("services/two")
		String answer(String one, String two) {
			return one + two;
		}

	}

	static class BadTopic {

		@MqttResponder("services/#/bad")
		String answer(String one) {
			return one;
		}

	}

	static class Overlapping {

		@MqttResponder("over/+")
		String plus(String request) {
			return "plus";
		}

		@MqttResponder("over/#")
		String hash(String request) {
			return "hash";
		}

	}

}
