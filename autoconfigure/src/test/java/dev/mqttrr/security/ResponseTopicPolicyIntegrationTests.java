package dev.mqttrr.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;
import dev.mqttrr.test.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests with hostile response topics, sent by peers that are not this starter
 * ({@code mosquitto_pub -D publish response-topic ...}): the responder calls nothing, publishes
 * nothing, counts each refusal, warns once, and keeps serving others. (An empty response topic
 * cannot be sent this way: Mosquitto closes the connection of a client that sends one; the policy's
 * unit is the same check as the caller's, {@code MqttTopics.validateResponseTopic}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class ResponseTopicPolicyIntegrationTests {

	private static final List<String> HOSTILE = List.of("#", "a/+/b", "$SYS/x", "policy/echo", "elsewhere/x");

	@Test
	void hostileResponseTopicsAreRefusedAndNothingIsPublished(CapturedOutput output) throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		MqttAsyncClient spy = new MqttAsyncClient(broker.url(), "spy", new MemoryPersistence());
		Queue<String> seen = new ConcurrentLinkedQueue<>();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Policy.class)
			.web(WebApplicationType.NONE)
			.properties("mqtt.url=" + broker.url(), "spring.application.name=policy",
					"mqtt.responder.allowed-response-topics=replies/#,mqttrr/replies/#")
			.run()) {
			spy.setCallback(new Recorder(seen));
			spy.connect(new MqttConnectionOptions()).waitForCompletion(5000);
			spy.subscribe(new String[] { "#", "$SYS/x" }, new int[] { 1, 1 }).waitForCompletion(5000);
			for (String responseTopic : HOSTILE) {
				publishWithMosquittoPub(broker, responseTopic);
			}
			MqttResponderEndpointRegistry registry = context.getBean(MqttResponderEndpointRegistry.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> registry.getRefusedResponseTopicCount() == HOSTILE.size());
			Policy policy = context.getBean(Policy.class);
			assertThat(policy.calls.get()).isZero();
			// It keeps serving others, on an allowed response topic.
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			assertThat(template.request("policy/echo", "fine".getBytes(StandardCharsets.UTF_8)).payloadAsString())
				.isEqualTo("fine");
			assertThat(policy.calls.get()).isEqualTo(1);
			await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains(template.getInboxTopic()));
			assertThat(seen).as("topics published to, besides the requests").containsOnly("policy/echo",
					template.getInboxTopic());
			assertThat(output.getOut().split("refused a request", -1)).hasSize(2);
			assertThat(output.getOut()).doesNotContain("at dev.mqttrr");
		}
		finally {
			if (spy.isConnected()) {
				spy.disconnect().waitForCompletion(5000);
			}
			spy.close();
			broker.stop();
		}
	}

	private static void publishWithMosquittoPub(MosquittoBroker broker, String responseTopic) throws Exception {
		Process process = new ProcessBuilder("mosquitto_pub", "-V", "5", "-h", "127.0.0.1", "-p",
				String.valueOf(broker.port()), "-q", "1", "-t", "policy/echo", "-m", "hostile", "-D", "publish",
				"response-topic", responseTopic, "-D", "publish", "correlation-data", "c1")
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Policy {

		final AtomicInteger calls = new AtomicInteger();

		@MqttResponder("policy/echo")
		String echo(String request) {
			this.calls.incrementAndGet();
			return request;
		}

	}

	private record Recorder(Queue<String> seen) implements MqttCallback {

		@Override
		public void messageArrived(String topic, MqttMessage message) {
			this.seen.add(topic);
		}

		@Override
		public void disconnected(MqttDisconnectResponse response) {
		}

		@Override
		public void mqttErrorOccurred(MqttException exception) {
		}

		@Override
		public void deliveryComplete(IMqttToken token) {
		}

		@Override
		public void connectComplete(boolean reconnect, String serverURI) {
		}

		@Override
		public void authPacketArrived(int reasonCode, MqttProperties properties) {
		}

	}

}
