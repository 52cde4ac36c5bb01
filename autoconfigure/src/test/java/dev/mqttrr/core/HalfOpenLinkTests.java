package dev.mqttrr.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.connection.ReconnectPolicy;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TcpProxy;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A link that stops carrying anything without closing (the proxy freezes it): the keep-alive
 * notices, waiting requests fail with {@link MqttDisconnectedException}, and the client connects
 * again once traffic flows.
 */
class HalfOpenLinkTests {

	private static final int KEEP_ALIVE_SECONDS = 2;

	private final MosquittoBroker broker = new MosquittoBroker();

	private final ExecutorService replyExecutor = Executors.newFixedThreadPool(2);

	private TcpProxy proxy;

	private PahoMqttConnection connection;

	private MqttRequestTemplate template;

	@AfterEach
	void stop() {
		this.template.destroy();
		this.connection.destroy();
		this.proxy.close();
		this.broker.stop();
		this.replyExecutor.shutdownNow();
	}

	@Test
	void aFrozenLinkIsDetectedByTheKeepAliveAndTheClientReconnects() {
		this.broker.start();
		this.proxy = new TcpProxy(this.broker.port()).start();
		this.connection = TestConnections.connection("tcp://127.0.0.1:" + this.proxy.getPort(), "half-open", 2,
				new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofMillis(200)));
		this.connection.getConnectionOptions().setKeepAliveInterval(KEEP_ALIVE_SECONDS);
		this.template = TestConnections.template(this.connection, this.replyExecutor, Duration.ofSeconds(60));
		this.connection.start();
		// A subscriber that never answers, so requests wait.
		this.connection.addRoute("half-open/sink", (message) -> {
		}, Runnable::run);
		assertThat(this.connection.subscribe("half-open/sink", 1)).succeedsWithin(Duration.ofSeconds(5));
		await().atMost(Duration.ofSeconds(5)).until(() -> requestWaits());
		List<CompletableFuture<MqttReply>> waiting = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			waiting.add(this.template.requestAsync("half-open/sink", bytes("x"), Duration.ofSeconds(60)));
		}
		long frozen = System.nanoTime();
		this.proxy.freeze(true);
		assertThat(waiting).allSatisfy((request) -> assertThat(request)
			.failsWithin(Duration.ofSeconds(2 * KEEP_ALIVE_SECONDS + 2))
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(MqttDisconnectedException.class));
		assertThat(Duration.ofNanos(System.nanoTime() - frozen))
			.isLessThanOrEqualTo(Duration.ofSeconds(2 * KEEP_ALIVE_SECONDS + 1));
		this.proxy.freeze(false);
		await().atMost(Duration.ofSeconds(10)).until(this.connection::isConnected);
	}

	/** Whether a request now waits for its reply: the inbox is subscribed and the sink receives. */
	private boolean requestWaits() {
		CompletableFuture<MqttReply> probe = this.template.requestAsync("half-open/sink", bytes("probe"),
				Duration.ofMillis(300));
		return this.template.getPendingRequestCount() > 0 && !probe.isDone();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
