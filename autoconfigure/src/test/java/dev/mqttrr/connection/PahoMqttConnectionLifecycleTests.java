package dev.mqttrr.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
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
 * Defects found by reviewing the rewritten connection layer. Each test fails on main at 16feb7d.
 */
class PahoMqttConnectionLifecycleTests {

	private static final ReconnectPolicy FAST_RECONNECT = new ReconnectPolicy(true, Duration.ofMillis(100),
			Duration.ofMillis(200));

	private final AtomicInteger connects = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	private MosquittoBroker broker;

	private TcpProxy proxy;

	private PahoMqttConnection connection;

	@BeforeEach
	void startBroker() {
		this.broker = new MosquittoBroker();
	}

	@AfterEach
	void stopAll() {
		this.release.countDown();
		if (this.connection != null) {
			this.connection.destroy();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
		this.broker.stop();
	}

	/**
	 * MqttSession.stop() cancels the attempt's future while start() waits on it with get(): the
	 * CancellationException is not among the caught types and reaches the caller of start() raw.
	 */
	@Test
	void stopDuringTheFirstConnectFailsStartWithMqttConnectionException() throws Exception {
		this.broker.start();
		this.proxy = new TcpProxy(this.broker.port()).start();
		this.proxy.swallowNewConnections(true);
		this.connection = TestConnections.connection("tcp://127.0.0.1:" + this.proxy.getPort(), "stop-during-start",
				5, TestConnections.NO_RECONNECT);
		CompletableFuture<Throwable> startFailure = new CompletableFuture<>();
		Thread starter = new Thread(() -> {
			try {
				this.connection.start();
				startFailure.complete(null);
			}
			catch (Throwable ex) {
				startFailure.complete(ex);
			}
		}, "review-starter");
		starter.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.proxy.acceptedCount() == 1);
		this.connection.stop();
		assertThat(startFailure.get(10, TimeUnit.SECONDS)).isInstanceOf(MqttConnectionException.class);
	}

	/**
	 * ConnectionEvents tells "connected" and "lost" on the executor, in order, but the stop event
	 * on the stopping thread at once: it overtakes a "connected" still queued, so a listener's last
	 * event says connected while the connection is stopped.
	 */
	@Test
	void aListenerHearsTheStopAfterTheConnectThatPrecededIt() throws Exception {
		this.broker.start();
		this.connection = TestConnections.connection(this.broker.url(), "events-order", 5,
				TestConnections.NO_RECONNECT);
		CountDownLatch slowListenerEntered = new CountDownLatch(1);
		this.connection.addConnectionListener(new MqttConnectionListener() {

			@Override
			public void connected(boolean reconnect) {
				slowListenerEntered.countDown();
				awaitRelease();
			}

			@Override
			public void connectionLost(Throwable cause) {
			}

		});
		List<String> seen = new CopyOnWriteArrayList<>();
		this.connection.addConnectionListener(recording(seen));
		this.connection.start();
		assertThat(slowListenerEntered.await(5, TimeUnit.SECONDS)).isTrue();
		this.connection.stop();
		this.release.countDown();
		await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
		assertThat(seen).containsExactly("connected", "lost");
	}

	/**
	 * MqttConnection promises that stages chained on subscribe futures may block, and runs them on
	 * the two threads of the executor that also runs the session's reconnects, connection events
	 * and client closes: two blocking stages and the session never reconnects.
	 */
	@Test
	void blockingStagesOnSubscribeFuturesDoNotStopTheReconnect() throws Exception {
		connectThroughProxy("blocking-stages");
		CountDownLatch stagesEntered = new CountDownLatch(2);
		for (int i = 0; i < 2; i++) {
			this.connection.subscribe("test/blocking/" + i, 1).thenRun(() -> {
				stagesEntered.countDown();
				awaitRelease();
			});
		}
		assertThat(stagesEntered.await(5, TimeUnit.SECONDS)).isTrue();
		this.proxy.cutAll();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connects.get() == 2 && this.connection.isConnected());
	}

	/**
	 * A failed start queues the close of its client on the executor (closeLater); destroy(), which
	 * Spring calls at once when a start fails, shuts the executor down with shutdownNow() and may
	 * drop or interrupt that close: the Paho client of the attempt and its threads stay.
	 */
	@Test
	void destroyRightAfterAFailedStartLeavesNoPahoThread() {
		this.broker.start();
		this.proxy = new TcpProxy(this.broker.port()).start();
		this.proxy.swallowNewConnections(true);
		// A race between the queued close and shutdownNow(): several rounds make it show.
		for (int i = 0; i < 10; i++) {
			String clientId = "failed-start-destroy-" + i;
			PahoMqttConnection failing = TestConnections.connection("tcp://127.0.0.1:" + this.proxy.getPort(),
					clientId, 1, TestConnections.NO_RECONNECT);
			failing.setFailFast(true);
			assertThatExceptionOfType(MqttConnectionException.class).isThrownBy(failing::start);
			failing.destroy();
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(pahoThreadsOf("failed-start-destroy-")).isEmpty());
	}

	private void connectThroughProxy(String clientId) {
		this.broker.start();
		this.proxy = new TcpProxy(this.broker.port()).start();
		this.connection = TestConnections.connection("tcp://127.0.0.1:" + this.proxy.getPort(), clientId, 1,
				FAST_RECONNECT);
		this.connection.addConnectionListener(recording(new CopyOnWriteArrayList<>()));
		this.connection.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connects.get() == 1);
	}

	private MqttConnectionListener recording(List<String> seen) {
		return new MqttConnectionListener() {

			@Override
			public void connected(boolean reconnect) {
				PahoMqttConnectionLifecycleTests.this.connects.incrementAndGet();
				seen.add("connected");
			}

			@Override
			public void connectionLost(Throwable cause) {
				seen.add("lost");
			}

		};
	}

	private void awaitRelease() {
		try {
			this.release.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static List<String> pahoThreadsOf(String clientIdPrefix) {
		return Thread.getAllStackTraces().keySet().stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("MQTT") && name.contains(clientIdPrefix))
			.toList();
	}

}
