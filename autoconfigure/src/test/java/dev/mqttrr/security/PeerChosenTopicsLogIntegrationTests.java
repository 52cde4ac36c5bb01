package dev.mqttrr.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.core.MqttResponderException;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.PahoPeers;
import dev.mqttrr.test.TestApplications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A responder with a wildcard filter lets the requester choose the request topic: failures a
 * peer causes there are still one rate-limited warning per cause, however many topics it uses
 * (the rate limit is keyed by nothing a peer chooses, so its keys stay few).
 */
@ExtendWith(OutputCaptureExtension.class)
class PeerChosenTopicsLogIntegrationTests {

	private static final int TOPICS = 50;

	/** The first request's topic level (and response topic level): long, as a peer may make it. */
	private static final String LONG_LEVEL = "l".repeat(1000);

	@TempDir
	Path folder;

	@Test
	void failedRequestsWithoutResponseTopicOnManyTopicsAreOneWarning(CapturedOutput output) throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		MqttAsyncClient peer = new MqttAsyncClient(broker.url(), "peer", new MemoryPersistence());
		try (ConfigurableApplicationContext context = TestApplications
			.application(Wild.class, broker.url(), "wild", "mqtt.responder.concurrency=1").run()) {
			Wild wild = context.getBean(Wild.class);
			peer.connect(new MqttConnectionOptions()).waitForCompletion(5000);
			for (int i = 0; i < TOPICS; i++) {
				MqttMessage request = new MqttMessage(bytes("x"));
				request.setQos(1);
				PahoPeers.publishAcknowledged(peer, "wild/" + level(i) + "/fail", request);
			}
			// Behind them on the one responder thread: answered once they were handled.
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			assertThatExceptionOfType(MqttResponderException.class)
				.isThrownBy(() -> template.request("wild/last/fail", bytes("x"), Duration.ofSeconds(30)));
			assertThat(wild.failures).hasValue(TOPICS + 1);
			assertThat(output.getOut().split("without a response topic", -1)).as("one rate-limited warning")
				.hasSize(2);
			assertThat(output.getOut()).as("a peer's topic is shortened in the log").doesNotContain(LONG_LEVEL);
		}
		finally {
			close(peer);
			broker.stop();
		}
	}

	@Test
	void repliesTheBrokerRefusesForRequestsOnManyTopicsAreOneWarning(CapturedOutput output) throws Exception {
		Path acl = this.folder.resolve("acl");
		// Replies to 'denied/...' are refused (PUBACK 0x87): a response topic the requester chose.
		Files.writeString(acl, "topic readwrite wild/#\ntopic readwrite mqttrr/#\n");
		Files.setPosixFilePermissions(this.folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(acl, PosixFilePermissions.fromString("rw-r--r--"));
		MosquittoBroker broker = new MosquittoBroker().withConfig("acl_file " + acl).start();
		MqttAsyncClient peer = new MqttAsyncClient(broker.url(), "peer", new MemoryPersistence());
		try (ConfigurableApplicationContext context = TestApplications
			.application(Wild.class, broker.url(), "wild", "mqtt.responder.concurrency=1").run()) {
			Wild wild = context.getBean(Wild.class);
			peer.connect(new MqttConnectionOptions()).waitForCompletion(5000);
			for (int i = 0; i < TOPICS; i++) {
				MqttProperties properties = new MqttProperties();
				properties.setResponseTopic("denied/" + level(i));
				properties.setCorrelationData(bytes("c" + i));
				MqttMessage request = new MqttMessage(bytes("x"));
				request.setQos(1);
				request.setProperties(properties);
				PahoPeers.publishAcknowledged(peer, "wild/" + level(i) + "/echo", request);
			}
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			assertThat(template.request("wild/last/echo", bytes("x"), Duration.ofSeconds(30)).payloadAsString())
				.isEqualTo("x");
			assertThat(wild.echoes).hasValue(TOPICS + 1);
			await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("Could not send the reply"));
			assertThat(output.getOut().split("Could not send the reply", -1)).as("one rate-limited warning")
				.hasSize(2);
			assertThat(output.getOut()).as("a peer's topics are shortened in the log").doesNotContain(LONG_LEVEL);
		}
		finally {
			close(peer);
			broker.stop();
		}
	}

	private static void close(MqttAsyncClient client) throws Exception {
		if (client.isConnected()) {
			client.disconnect().waitForCompletion(5000);
		}
		client.close();
	}

	private static String level(int i) {
		return (i == 0) ? LONG_LEVEL : String.valueOf(i);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Wild {

		final AtomicInteger failures = new AtomicInteger();

		final AtomicInteger echoes = new AtomicInteger();

		@MqttResponder("wild/+/fail")
		String fail(String request) {
			this.failures.incrementAndGet();
			throw new IllegalStateException("refused by the application");
		}

		@MqttResponder("wild/+/echo")
		String echo(String request) {
			this.echoes.incrementAndGet();
			return request;
		}

	}

}
