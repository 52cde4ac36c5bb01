package dev.mqttrr.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link TcpProxy} against a real Mosquitto: each fault, seen by a Paho MQTT 5 client that
 * connects through the proxy.
 */
class TcpProxyTests {

	private static final MosquittoBroker broker = new MosquittoBroker();

	private final List<MqttAsyncClient> clients = new ArrayList<>();

	private TcpProxy proxy;

	@BeforeAll
	static void startBroker() {
		broker.start();
	}

	@AfterAll
	static void stopBroker() {
		broker.stop();
	}

	@BeforeEach
	void startProxy() {
		this.proxy = new TcpProxy(broker.port()).start();
	}

	@AfterEach
	void closeClientsAndProxy() throws MqttException {
		for (MqttAsyncClient client : this.clients) {
			if (client.isConnected()) {
				client.disconnectForcibly(0, 1000, false);
			}
			client.close(true);
		}
		String threadPrefix = "tcp-proxy-" + this.proxy.getPort() + "-";
		this.proxy.close();
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName().startsWith(threadPrefix));
	}

	@Test
	void forwardsPublishAndSubscribeBothWays() throws Exception {
		BlockingQueue<String> received = new LinkedBlockingQueue<>();
		MqttAsyncClient client = client("round-trip", received::add, null);
		client.connect(options(5)).waitForCompletion(5000);
		client.subscribe("proxy/round-trip", 1).waitForCompletion(5000);
		client.publish("proxy/round-trip", "hello".getBytes(StandardCharsets.UTF_8), 1, false)
			.waitForCompletion(5000);
		assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
		assertThat(this.proxy.acceptedCount()).isEqualTo(1);
		assertThat(this.proxy.connectionCount()).isEqualTo(1);
	}

	@Test
	void delayServerToClientHoldsTheConnack() throws Exception {
		this.proxy.delayServerToClient(Duration.ofMillis(1500));
		MqttAsyncClient client = client("delayed", null, null);
		long start = System.nanoTime();
		client.connect(options(5)).waitForCompletion(5000);
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		assertThat(client.isConnected()).isTrue();
		assertThat(elapsedMillis).isBetween(1400L, 4000L);
	}

	/**
	 * Paho 1.2.5's connection timeout bounds the TCP connect only: a connect whose CONNACK never
	 * comes was measured still pending after 15 s, so the swallowed connection is cut here. A
	 * failed connect token reports its exception but {@code isComplete()} stays false, so both
	 * are checked.
	 */
	@Test
	void swallowedConnectionNeverGetsAConnackAndStaysDeadAfterSwallowingStops() throws Exception {
		this.proxy.swallowNewConnections(true);
		MqttAsyncClient swallowed = client("swallowed", null, null);
		IMqttToken connect = swallowed.connect(options(2));
		await().atMost(Duration.ofSeconds(2)).until(() -> this.proxy.acceptedCount() == 1);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofMillis(1500))
			.until(() -> !connect.isComplete() && connect.getException() == null);
		assertThat(this.proxy.connectionCount()).isZero();
		this.proxy.swallowNewConnections(false);
		MqttAsyncClient fresh = client("fresh", null, null);
		fresh.connect(options(5)).waitForCompletion(5000);
		assertThat(fresh.isConnected()).isTrue();
		assertThat(this.proxy.acceptedCount()).isEqualTo(2);
		assertThat(this.proxy.connectionCount()).isEqualTo(1);
		assertThat(connect.isComplete()).isFalse();
		assertThat(connect.getException()).isNull();
		this.proxy.cutAll();
		await().atMost(Duration.ofSeconds(5)).until(() -> connect.getException() != null);
		assertThat(connect.getException().getReasonCode()).isEqualTo(MqttClientException.REASON_CODE_CONNECTION_LOST);
	}

	@Test
	void cutAllDisconnectsTheClientAndKeepsListening() throws Exception {
		CountDownLatch disconnected = new CountDownLatch(1);
		MqttAsyncClient client = client("cut", null, disconnected);
		client.connect(options(5)).waitForCompletion(5000);
		assertThat(disconnected.getCount()).isOne();
		this.proxy.cutAll();
		assertThat(disconnected.await(5, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(2)).until(() -> this.proxy.connectionCount() == 0);
		MqttAsyncClient again = client("after-cut", null, null);
		again.connect(options(5)).waitForCompletion(5000);
		assertThat(again.isConnected()).isTrue();
		assertThat(this.proxy.acceptedCount()).isEqualTo(2);
		assertThat(this.proxy.connectionCount()).isEqualTo(1);
	}

	@Test
	void freezeStopsBothDirectionsUntilThawed() throws Exception {
		BlockingQueue<String> atProxiedClient = new LinkedBlockingQueue<>();
		MqttAsyncClient proxied = client("frozen", atProxiedClient::add, null);
		proxied.connect(options(5)).waitForCompletion(5000);
		proxied.subscribe("proxy/to-client", 1).waitForCompletion(5000);
		BlockingQueue<String> atBroker = new LinkedBlockingQueue<>();
		MqttAsyncClient direct = new MqttAsyncClient(broker.url(), "direct", new MemoryPersistence());
		this.clients.add(direct);
		direct.setCallback(new Callback(atBroker::add, null));
		direct.connect(options(5)).waitForCompletion(5000);
		direct.subscribe("proxy/to-broker", 1).waitForCompletion(5000);

		this.proxy.freeze(true);
		IMqttToken publish = proxied.publish("proxy/to-broker", "up".getBytes(StandardCharsets.UTF_8), 1, false);
		direct.publish("proxy/to-client", "down".getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(5000);
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofMillis(1500))
			.until(() -> !publish.isComplete() && atBroker.isEmpty() && atProxiedClient.isEmpty());
		assertThat(proxied.isConnected()).isTrue();
		assertThat(this.proxy.connectionCount()).isEqualTo(1);

		this.proxy.freeze(false);
		publish.waitForCompletion(5000);
		assertThat(publish.getException()).isNull();
		assertThat(atBroker.poll(5, TimeUnit.SECONDS)).isEqualTo("up");
		assertThat(atProxiedClient.poll(5, TimeUnit.SECONDS)).isEqualTo("down");
	}

	private MqttAsyncClient client(String id, Consumer<String> messages,
			CountDownLatch disconnected) throws MqttException {
		MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + this.proxy.getPort(), id,
				new MemoryPersistence());
		this.clients.add(client);
		client.setCallback(new Callback(messages, disconnected));
		return client;
	}

	private static MqttConnectionOptions options(int connectionTimeoutSeconds) {
		MqttConnectionOptions options = new MqttConnectionOptions();
		options.setConnectionTimeout(connectionTimeoutSeconds);
		options.setAutomaticReconnect(false);
		return options;
	}

	private record Callback(Consumer<String> messages, CountDownLatch disconnected)
			implements MqttCallback {

		@Override
		public void disconnected(MqttDisconnectResponse response) {
			if (this.disconnected != null) {
				this.disconnected.countDown();
			}
		}

		@Override
		public void mqttErrorOccurred(MqttException exception) {
		}

		@Override
		public void messageArrived(String topic, MqttMessage message) {
			if (this.messages != null) {
				this.messages.accept(new String(message.getPayload(), StandardCharsets.UTF_8));
			}
		}

		@Override
		public void deliveryComplete(IMqttToken token) {
		}

		@Override
		public void connectComplete(boolean reconnect, String serverUri) {
		}

		@Override
		public void authPacketArrived(int reasonCode, MqttProperties properties) {
		}

	}

}
