package dev.mqttrr.security;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

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
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestApplications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replies are private with the broker ACL the README gives for Mosquitto: each client reads only
 * its own reply topic, {@code mqttrr/replies/<client id>}, and any client may publish replies.
 * The starter works under it, and another client that subscribes to every reply topic receives
 * none of this application's replies.
 */
class ReplyAclIntegrationTests {

	/** The ACL file of the README's "Security" section. */
	static final String ACL = """
			# Requests: the service topics, for every client.
			pattern readwrite acl/#
			# Replies: each client reads only its own reply topic; any client may publish replies.
			pattern read mqttrr/replies/%c
			pattern write mqttrr/replies/#
			""";

	@TempDir
	Path folder;

	@Test
	void anotherClientReceivesNoneOfTheApplicationsReplies() throws Exception {
		Path acl = this.folder.resolve("acl");
		Files.writeString(acl, ACL);
		// Mosquitto started as root reads its ACL file after dropping to the mosquitto user.
		Files.setPosixFilePermissions(this.folder, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(acl, PosixFilePermissions.fromString("rw-r--r--"));
		MosquittoBroker broker = new MosquittoBroker().withConfig("acl_file " + acl).start();
		MqttAsyncClient eve = new MqttAsyncClient(broker.url(), "eve", new MemoryPersistence());
		Queue<String> eveReceived = new ConcurrentLinkedQueue<>();
		try (ConfigurableApplicationContext context = TestApplications
			.application(Echo.class, broker.url(), "acl-app", "mqtt.client-id=acl-app").run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			eve.setCallback(new Recorder(eveReceived));
			eve.connect(new MqttConnectionOptions()).waitForCompletion(5000);
			// Both may be granted or refused by the broker; either way nothing of acl-app's may arrive.
			eve.subscribe(new String[] { "mqttrr/replies/#", template.getInboxTopic() }, new int[] { 1, 1 })
				.waitForCompletion(5000);
			for (int i = 0; i < 100; i++) {
				assertThat(template.request("acl/echo", bytes("secret-" + i), Duration.ofSeconds(10)).payloadAsString())
					.isEqualTo("secret-" + i);
			}
			// Eve does receive what she may read: her own reply topic, which comes after the replies.
			MqttMessage marker = new MqttMessage(bytes("marker"));
			marker.setQos(1);
			eve.publish("mqttrr/replies/eve", marker).waitForCompletion(5000);
			await().atMost(Duration.ofSeconds(10)).until(() -> eveReceived.contains("mqttrr/replies/eve marker"));
			assertThat(eveReceived).as("messages another client received").containsExactly("mqttrr/replies/eve marker");
		}
		finally {
			if (eve.isConnected()) {
				eve.disconnect().waitForCompletion(5000);
			}
			eve.close();
			broker.stop();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Echo {

		@MqttResponder("acl/echo")
		String echo(String request) {
			return request;
		}

	}

	private record Recorder(Queue<String> received) implements MqttCallback {

		@Override
		public void messageArrived(String topic, MqttMessage message) {
			this.received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8));
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
