package dev.mqttrr.test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

import org.springframework.messaging.converter.StringMessageConverter;

import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.connection.ReconnectPolicy;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttConnection.PublishCallback;
import dev.mqttrr.core.MqttPayloadConverter;
import dev.mqttrr.core.MqttRequestSettings;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.core.OutgoingMessage;
import dev.mqttrr.core.PublishProperties;

/**
 * Connections and publishes for the connection tests.
 */
public final class TestConnections {

	public static final ReconnectPolicy NO_RECONNECT = new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO);

	private TestConnections() {
	}

	/** A connection that is not started yet, with a connection timeout of the given seconds. */
	public static PahoMqttConnection connection(String url, String clientId, int timeoutSeconds, ReconnectPolicy reconnect) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setConnectionTimeout(timeoutSeconds);
		return new PahoMqttConnection(url, clientId, options, reconnect);
	}

	/**
	 * A connection, not started yet, with a persistent session (no clean start, a 5 minute session
	 * expiry) under a fixed client id, so that the next connection with that id resumes it.
	 */
	public static PahoMqttConnection persistentSession(String url, String clientId) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setConnectionTimeout(5);
		options.setCleanStart(false);
		options.setSessionExpiryInterval(Duration.ofMinutes(5).toSeconds());
		return new PahoMqttConnection(url, clientId, options, NO_RECONNECT);
	}

	/** A request template on the connection, QoS 1, converting strings, replies under {@code mqttrr/replies/}. */
	public static MqttRequestTemplate template(MqttConnection connection, Executor replyExecutor,
			Duration defaultTimeout) {
		return new MqttRequestTemplate(connection, new MqttPayloadConverter(new StringMessageConverter()),
				replyExecutor, new MqttRequestSettings(defaultTimeout, 1, 1000, "mqttrr/replies/"));
	}

	public static OutgoingMessage message(String topic, int qos) {
		return new OutgoingMessage(topic, new byte[] { 1 }, qos, PublishProperties.empty());
	}

	/** Publish and return the outcome as a future: the reason code, or the failure. */
	public static CompletableFuture<Integer> publish(MqttConnection connection, OutgoingMessage message) {
		CompletableFuture<Integer> ack = new CompletableFuture<>();
		connection.publish(message, completing(ack));
		return ack;
	}

	/** Publish waiting on the calling thread; the future stays incomplete when nothing was sent. */
	public static CompletableFuture<Integer> publishWaitingHere(MqttConnection connection, OutgoingMessage message,
			BooleanSupplier abandoned) {
		CompletableFuture<Integer> ack = new CompletableFuture<>();
		connection.publishWaitingHere(message, Duration.ofSeconds(30), abandoned, completing(ack));
		return ack;
	}

	public static PublishCallback completing(CompletableFuture<Integer> ack) {
		return (code, failure) -> {
			if (failure != null) {
				ack.completeExceptionally(failure);
			}
			else {
				ack.complete(code);
			}
		};
	}

}
