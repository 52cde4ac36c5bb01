package dev.mqttrr.connection;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.mqttrr.core.AcknowledgingMqttMessageHandler;
import dev.mqttrr.core.AcknowledgingMqttMessageHandler.Acknowledgement;
import dev.mqttrr.core.MqttConnectionListener;
import dev.mqttrr.core.OutgoingMessage;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.ReceivedMessage;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose reply had not gone out when the connection began to stop (a drain that timed
 * out) must stay with the broker: once publishes are refused, an acknowledgement would tell the
 * broker the request was answered while its reply was never sent. The stop tells its listeners
 * before it sends DISCONNECT, so a listener acknowledges in exactly that window.
 */
class AcknowledgementAfterStopTests {

	private static final String CLIENT_ID = "ack-after-stop";

	@Test
	void messageAcknowledgedWhileTheConnectionStopsIsDeliveredAgain() throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		ExecutorService executor = Executors.newSingleThreadExecutor();
		PahoMqttConnection publisher = TestConnections.connection(broker.url(), "ack-after-stop-pub", 5,
				TestConnections.NO_RECONNECT);
		PahoMqttConnection first = TestConnections.persistentSession(broker.url(), CLIENT_ID);
		PahoMqttConnection second = TestConnections.persistentSession(broker.url(), CLIENT_ID);
		try {
			CompletableFuture<Acknowledgement> held = new CompletableFuture<>();
			first.addRoute("ack/stop", (AcknowledgingMqttMessageHandler) (message, ack) -> held.complete(ack),
					executor);
			first.start();
			first.subscribe("ack/stop", 1).get(10, TimeUnit.SECONDS);
			publisher.start();
			TestConnections.publish(publisher, new OutgoingMessage("ack/stop",
					"request".getBytes(StandardCharsets.UTF_8), 1, PublishProperties.empty()))
				.get(10, TimeUnit.SECONDS);
			Acknowledgement acknowledgement = held.get(10, TimeUnit.SECONDS);
			first.addConnectionListener(new MqttConnectionListener() {

				@Override
				public void connectionLost(Throwable cause) {
					// Publishes are refused now, and the DISCONNECT has not been sent yet.
					acknowledgement.acknowledge();
				}

			});
			first.stop();

			CompletableFuture<ReceivedMessage> again = new CompletableFuture<>();
			second.addRoute("ack/stop", (AcknowledgingMqttMessageHandler) (message, ack) -> {
				again.complete(message);
				ack.acknowledge();
			}, executor);
			second.start();
			assertThat(again.get(10, TimeUnit.SECONDS).payload()).asString(StandardCharsets.UTF_8)
				.isEqualTo("request");
		}
		finally {
			second.destroy();
			first.destroy();
			publisher.destroy();
			executor.shutdownNow();
			broker.stop();
		}
	}

}
