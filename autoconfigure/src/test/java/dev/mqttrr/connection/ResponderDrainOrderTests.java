package dev.mqttrr.connection;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.OutgoingMessage;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Review of 503b5ed: the graceful stop removes the routes once the UNSUBACK came and nothing is in
 * flight, but Paho hands out acknowledgements before the messages that arrived ahead of them
 * (CommsCallback.run serves completeQueue first): a request the broker sent before it took the
 * UNSUBSCRIBE, still in Paho's message queue when the UNSUBACK is handled, reaches the router after
 * the routes are gone and is dropped ("No route"). The callback thread is held here by a route that
 * runs on it (as the template's reply routes do) to make the interleaving certain.
 */
class ResponderDrainOrderTests {

	@Test
	void requestReceivedBeforeTheUnsubackIsHandled() throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		PahoMqttConnection publisher = TestConnections.connection(broker.url(), "review-drain-pub", 5,
				TestConnections.NO_RECONNECT);
		CountDownLatch entered0 = new CountDownLatch(1);
		CountDownLatch release0 = new CountDownLatch(1);
		CountDownLatch entered1 = new CountDownLatch(1);
		CountDownLatch release1 = new CountDownLatch(1);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Echo.class)
			.web(WebApplicationType.NONE)
			.properties("mqtt.url=" + broker.url(), "spring.application.name=review-drain")
			.run()) {
			publisher.start();
			PahoMqttConnection connection = (PahoMqttConnection) context.getBean(MqttConnection.class);
			MqttResponderEndpointRegistry registry = context.getBean(MqttResponderEndpointRegistry.class);
			Echo echo = context.getBean(Echo.class);
			connection.addRoute("review/slow", (message) -> {
				try {
					if (message.payload()[0] == '0') {
						entered0.countDown();
						release0.await(20, TimeUnit.SECONDS);
					}
					else {
						entered1.countDown();
						release1.await(20, TimeUnit.SECONDS);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, Runnable::run);
			connection.subscribe("review/slow", 1).get(10, TimeUnit.SECONDS);
			send(publisher, "review/slow", "0");
			assertThat(entered0.await(10, TimeUnit.SECONDS)).isTrue();
			send(publisher, "review/slow", "1");
			send(publisher, "review/drain", "request");
			CountDownLatch stopped = new CountDownLatch(1);
			registry.stop(stopped::countDown);
			List<?> completeQueue = pahoQueue(connection, "completeQueue");
			List<?> messageQueue = pahoQueue(connection, "messageQueue");
			// The UNSUBACK has arrived, behind the slow message and the request.
			await().atMost(Duration.ofSeconds(10)).until(() -> !completeQueue.isEmpty() && messageQueue.size() == 2);
			release0.countDown();
			assertThat(entered1.await(10, TimeUnit.SECONDS)).isTrue();
			// The drain ends while the request still waits in Paho's queue.
			boolean drained = stopped.await(10, TimeUnit.SECONDS);
			release1.countDown();
			assertThat(drained).isTrue();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(echo.invocations.get())
					.as("runs of the responder for a request delivered before the UNSUBACK")
					.isEqualTo(1));
		}
		finally {
			release0.countDown();
			release1.countDown();
			publisher.destroy();
			broker.stop();
		}
	}

	private static void send(MqttConnection publisher, String topic, String payload) throws Exception {
		TestConnections.publish(publisher, new OutgoingMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1,
				PublishProperties.empty()))
			.get(10, TimeUnit.SECONDS);
	}

	private static List<?> pahoQueue(PahoMqttConnection connection, String name) throws Exception {
		MqttSession session = (MqttSession) field(connection, "session");
		MqttAsyncClient client = session.connected().client;
		Object comms = field(client, "comms");
		Object callback = field(comms, "callback");
		return (List<?>) field(callback, name);
	}

	private static Object field(Object target, String name) throws Exception {
		Field field = target.getClass().getDeclaredField(name);
		field.setAccessible(true);
		return field.get(target);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Echo {

		final AtomicInteger invocations = new AtomicInteger();

		@MqttResponder("review/drain")
		String echo(String request) {
			this.invocations.incrementAndGet();
			return request;
		}

	}

}
