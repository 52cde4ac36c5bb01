package dev.mqttrr.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mqttrr.core.MqttConnectionException;
import dev.mqttrr.core.MqttConnectionListener;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TcpProxy;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The connection's session against a real Mosquitto behind a TCP proxy that delays, swallows,
 * freezes or cuts the traffic: each test is one defect a review of the former connection proved.
 */
class PahoMqttConnectionFaultTests {

	private static final ReconnectPolicy FAST_RECONNECT = new ReconnectPolicy(true, Duration.ofMillis(100),
			Duration.ofMillis(200));

	private final AtomicInteger connects = new AtomicInteger();

	private final AtomicInteger losses = new AtomicInteger();

	private MosquittoBroker broker;

	private TcpProxy proxy;

	private PahoMqttConnection connection;

	@BeforeEach
	void startBroker() {
		this.broker = new MosquittoBroker();
	}

	@AfterEach
	void stopAll() {
		if (this.connection != null) {
			this.connection.destroy();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
		this.broker.stop();
	}

	@Test
	void stopDuringAReconnectAttemptLeavesNothingConnected() {
		connectThroughProxy("stop-during-reconnect", 5, FAST_RECONNECT);
		this.proxy.delayServerToClient(Duration.ofMillis(1500));
		this.proxy.cutAll();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.proxy.acceptedCount() == 2);
		this.connection.stop();
		// The delayed CONNACK arrives meanwhile: nothing may come of it.
		await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
			.until(() -> !this.connection.isConnected() && this.connects.get() == 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.proxy.connectionCount() == 0);
	}

	@Test
	void aReconnectAttemptThatGetsNoConnackIsGivenUpAndTheNextOneConnects() {
		connectThroughProxy("reconnect-bounded", 1, FAST_RECONNECT);
		this.proxy.swallowNewConnections(true);
		this.proxy.cutAll();
		// Each attempt ends after the connection timeout (1 s) and the back-off tries again.
		await().atMost(Duration.ofSeconds(6)).until(() -> this.proxy.acceptedCount() >= 4);
		this.proxy.swallowNewConnections(false);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connection.isConnected() && this.connects.get() == 2);
	}

	@Test
	void aFirstConnectThatTimedOutNeverConnectsLaterAndLeavesNoThread() {
		this.broker.start();
		this.proxy = new TcpProxy(this.broker.port()).start();
		this.proxy.delayServerToClient(Duration.ofMillis(2500));
		this.connection = TestConnections.connection("tcp://127.0.0.1:" + this.proxy.getPort(), "late-connack", 1,
				FAST_RECONNECT);
		this.connection.setFailFast(true);
		this.connection.addConnectionListener(counting());
		assertThatExceptionOfType(MqttConnectionException.class).isThrownBy(this.connection::start)
			.withMessageContaining("no CONNACK");
		await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
			.until(() -> !this.connection.isConnected() && this.connects.get() == 0);
		await().atMost(Duration.ofSeconds(5)).until(() -> pahoThreadsOf("late-connack").isEmpty());
	}

	@Test
	void slotsAreRightAfterAReconnectWithAPersistentSession() {
		this.broker.start();
		this.proxy = new TcpProxy(this.broker.port()).start();
		this.connection = TestConnections.connection("tcp://127.0.0.1:" + this.proxy.getPort(), "persistent", 5,
				FAST_RECONNECT);
		this.connection.getConnectionOptions().setCleanStart(false);
		this.connection.getConnectionOptions().setSessionExpiryInterval(300L);
		CompletableFuture<Integer> publishedOnReconnect = new CompletableFuture<>();
		this.connection.addConnectionListener(new MqttConnectionListener() {

			@Override
			public void connected(boolean reconnect) {
				if (reconnect) {
					// At once, while the window of the lost connection would still be in flight.
					TestConnections.publish(PahoMqttConnectionFaultTests.this.connection,
							TestConnections.message("test/window", 1))
						.whenComplete((code, ex) -> {
							if (ex != null) {
								publishedOnReconnect.completeExceptionally(ex);
							}
							else {
								publishedOnReconnect.complete(code);
							}
						});
				}
			}

		});
		this.connection.start();
		int window = this.connection.getReceiveMaximum();
		this.proxy.freeze(true);
		List<CompletableFuture<Integer>> unacknowledged = new ArrayList<>();
		for (int i = 0; i < window; i++) {
			unacknowledged.add(TestConnections.publish(this.connection, TestConnections.message("test/window", 1)));
		}
		// Acknowledgements on the next connection come late: a client that sent the old window again
		// has it all in flight when the listener publishes.
		this.proxy.delayServerToClient(Duration.ofMillis(500));
		this.proxy.cutAll();
		this.proxy.freeze(false);
		assertThat(publishedOnReconnect).succeedsWithin(Duration.ofSeconds(10));
		assertThat(unacknowledged).allSatisfy((ack) -> assertThat(ack).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(ExecutionException.class));
	}

	@Test
	void aBrokerReceiveMaximumAbove32767DoesNotBreakPublishes() {
		this.broker.withConfig("max_inflight_messages 40000").start();
		this.connection = TestConnections.connection(this.broker.url(), "wide-window", 5, FAST_RECONNECT);
		this.connection.start();
		assertThat(this.connection.getReceiveMaximum()).isEqualTo(40000);
		assertThat(TestConnections.publish(this.connection, TestConnections.message("test/wide", 1)))
			.succeedsWithin(Duration.ofSeconds(5));
	}

	@Test
	void subscribeFuturesCompleteOffPahosCallbackThread() throws Exception {
		this.broker.start();
		this.connection = TestConnections.connection(this.broker.url(), "off-callback", 5, FAST_RECONNECT);
		this.connection.start();
		// Paused, the broker sends the SUBACK only once the stage below is chained: it then runs on
		// the thread that completes the future, not on the caller's.
		this.broker.pause();
		CompletableFuture<String> thread = this.connection.subscribe("test/threads", 1)
			.thenApply((granted) -> Thread.currentThread().getName());
		this.broker.resume();
		assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("mqtt-rr-completion-");
	}

	@Test
	void stopThenStartConnectsAgain() {
		this.broker.start();
		this.connection = TestConnections.connection(this.broker.url(), "restart", 5, FAST_RECONNECT);
		this.connection.addConnectionListener(counting());
		this.connection.start();
		this.connection.stop();
		assertThat(this.connection.isConnected()).isFalse();
		assertThat(this.losses.get()).isEqualTo(1);
		this.connection.start();
		assertThat(this.connection.isConnected()).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connects.get() == 2);
		assertThat(TestConnections.publish(this.connection, TestConnections.message("test/restart", 1)))
			.succeedsWithin(Duration.ofSeconds(5));
	}

	private void connectThroughProxy(String clientId, int timeoutSeconds, ReconnectPolicy reconnect) {
		this.broker.start();
		this.proxy = new TcpProxy(this.broker.port()).start();
		this.connection = TestConnections.connection("tcp://127.0.0.1:" + this.proxy.getPort(), clientId,
				timeoutSeconds, reconnect);
		this.connection.addConnectionListener(counting());
		this.connection.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connects.get() == 1);
	}

	private MqttConnectionListener counting() {
		return new MqttConnectionListener() {

			@Override
			public void connected(boolean reconnect) {
				PahoMqttConnectionFaultTests.this.connects.incrementAndGet();
			}

			@Override
			public void connectionLost(Throwable cause) {
				PahoMqttConnectionFaultTests.this.losses.incrementAndGet();
			}

		};
	}

	private static List<String> pahoThreadsOf(String clientId) {
		return Thread.getAllStackTraces().keySet().stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("MQTT") && name.endsWith(clientId))
			.toList();
	}

}
