package dev.mqttrr.connection;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.mqttrr.core.AcknowledgingMqttMessageHandler;
import dev.mqttrr.core.OutgoingMessage;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.ReceivedMessage;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop stops acknowledging on the connection it stops, not on the session: after a start again
 * (a new client, as for every connect attempt) a handled message is acknowledged, and the broker
 * does not deliver it again. A marker queued afterwards for the same persistent session must be
 * the first thing the next connection receives: a message left unacknowledged would come first.
 */
class AcknowledgementAfterRestartTests {

	private static final String CLIENT_ID = "ack-after-restart";

	@Test
	void aConnectionStartedAgainAfterAStopAcknowledges() throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		PahoMqttConnection publisher = TestConnections.connection(broker.url(), "ack-after-restart-pub", 5,
				TestConnections.NO_RECONNECT);
		PahoMqttConnection first = TestConnections.persistentSession(broker.url(), CLIENT_ID);
		PahoMqttConnection second = TestConnections.persistentSession(broker.url(), CLIENT_ID);
		try {
			CompletableFuture<ReceivedMessage> handled = new CompletableFuture<>();
			first.addRoute("ack/restart", (AcknowledgingMqttMessageHandler) (message, ack) -> {
				ack.acknowledge();
				handled.complete(message);
			}, executor);
			first.start();
			first.stop();
			first.start();
			first.subscribe("ack/restart", 1).get(10, TimeUnit.SECONDS);
			publisher.start();
			TestConnections.publish(publisher, message("request")).get(10, TimeUnit.SECONDS);
			assertThat(handled.get(10, TimeUnit.SECONDS).payload()).asString(StandardCharsets.UTF_8)
				.isEqualTo("request");
			// The PUBACK is queued ahead of the DISCONNECT.
			first.stop();
			TestConnections.publish(publisher, message("marker")).get(10, TimeUnit.SECONDS);

			CompletableFuture<ReceivedMessage> next = new CompletableFuture<>();
			second.addRoute("ack/restart", (AcknowledgingMqttMessageHandler) (message, ack) -> {
				next.complete(message);
				ack.acknowledge();
			}, executor);
			second.start();
			assertThat(next.get(10, TimeUnit.SECONDS).payload()).asString(StandardCharsets.UTF_8)
				.isEqualTo("marker");
		}
		finally {
			second.destroy();
			first.destroy();
			publisher.destroy();
			executor.shutdownNow();
			broker.stop();
		}
	}

	private static OutgoingMessage message(String text) {
		return new OutgoingMessage("ack/restart", text.getBytes(StandardCharsets.UTF_8), 1, PublishProperties.empty());
	}

}
