package dev.mqttrr.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.connection.ReconnectPolicy;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TcpProxy;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Defects of the request template found by the review of the rewritten connection layer. Each
 * test fails on main at 16feb7d.
 */
class MqttRequestTemplateLifecycleTests {

	private static final byte[] PAYLOAD = "x".getBytes(StandardCharsets.UTF_8);

	private static final String SINK = "test/review/sink";

	private final MosquittoBroker broker = new MosquittoBroker();

	private final AtomicInteger replyThreads = new AtomicInteger();

	private final ExecutorService replyExecutor = Executors.newFixedThreadPool(2,
			(task) -> new Thread(task, "review-reply-" + this.replyThreads.incrementAndGet()));

	private final CountDownLatch sinkReceived = new CountDownLatch(1);

	private TcpProxy proxy;

	private PahoMqttConnection connection;

	private MqttRequestTemplate template;

	@BeforeEach
	void start() throws Exception {
		this.broker.start();
		this.proxy = new TcpProxy(this.broker.port()).start();
		this.connection = TestConnections.connection("tcp://127.0.0.1:" + this.proxy.getPort(), "review-template", 5,
				new ReconnectPolicy(true, Duration.ofMillis(50), Duration.ofMillis(100)));
		this.template = TestConnections.template(this.connection, this.replyExecutor, Duration.ofSeconds(5));
		this.connection.start();
		// A subscriber that never replies: requests to SINK stay pending until they time out.
		this.connection.addRoute(SINK, (message) -> this.sinkReceived.countDown(), Runnable::run);
		this.connection.subscribe(SINK, 1).get(5, TimeUnit.SECONDS);
	}

	@AfterEach
	void stop() {
		this.template.destroy();
		this.connection.destroy();
		this.proxy.close();
		this.broker.stop();
		this.replyExecutor.shutdownNow();
	}

	/**
	 * PendingRequests promises that the future of requestAsync completes on the reply executor,
	 * where the caller's stages run; failAll (connection lost or stopped) completes it on the
	 * thread that tells the event: the connection's own executor (or the thread calling stop()).
	 * A caller's blocking stage then holds up the connection's events, closes and reconnects.
	 */
	@Test
	void aRequestFailedByAConnectionLossCompletesOnTheReplyExecutor() throws Exception {
		CompletableFuture<MqttReply> request = this.template.requestAsync(SINK, PAYLOAD, Duration.ofSeconds(10));
		CompletableFuture<String> stageThread = request.handle((reply, ex) -> Thread.currentThread().getName());
		assertThat(this.sinkReceived.await(5, TimeUnit.SECONDS)).isTrue();
		this.proxy.cutAll();
		// The stage first: a thread waiting in get() on the request itself may run its stages.
		assertThat(stageThread.get(5, TimeUnit.SECONDS)).startsWith("review-reply-");
		assertThat(request).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(MqttDisconnectedException.class);
	}

	/**
	 * After destroy() the timer executor refuses work: requestAsync throws the executor's raw
	 * RejectedExecutionException instead of returning a failed future, and leaves the request
	 * registered as pending (and its reply subscription held) for good.
	 */
	@Test
	void requestAsyncAfterDestroyFailsTheFutureAndLeavesNothingPending() {
		this.template.destroy();
		Throwable thrown = null;
		CompletableFuture<MqttReply> request = null;
		try {
			request = this.template.requestAsync(SINK, PAYLOAD, Duration.ofSeconds(1));
		}
		catch (RuntimeException ex) {
			thrown = ex;
		}
		assertThat(thrown).as("thrown by requestAsync").isNull();
		assertThat(request).failsWithin(Duration.ofSeconds(5))
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(MqttRequestResponseException.class);
		assertThat(this.template.getPendingRequestCount()).isZero();
	}

	/**
	 * destroy() cancels the timers of the requests in flight (shutdownNow) but does not fail them:
	 * with the connection still up and no reply coming, their futures never complete.
	 */
	@Test
	void destroyFailsTheRequestsInFlight() throws Exception {
		CompletableFuture<MqttReply> request = this.template.requestAsync(SINK, PAYLOAD, Duration.ofMillis(500));
		assertThat(this.sinkReceived.await(5, TimeUnit.SECONDS)).isTrue();
		this.template.destroy();
		// failsWithin alone also passes when the future never completes: require a real failure.
		assertThat(request).failsWithin(Duration.ofSeconds(3)).withThrowableOfType(ExecutionException.class);
		assertThat(this.template.getPendingRequestCount()).isZero();
	}

	/**
	 * The template's timer thread is not a daemon (the connection's threads are): a template
	 * that is not destroyed (used outside a Spring context) keeps the JVM from exiting.
	 */
	@Test
	void theTemplatesTimerThreadIsADaemon() {
		this.template.requestAsync(SINK, PAYLOAD, Duration.ofSeconds(5));
		List<Thread> timers = new ArrayList<>();
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			timers.clear();
			Thread.getAllStackTraces().keySet().stream()
				.filter((thread) -> thread.isAlive() && thread.getName().startsWith("mqtt-rr-timeout-"))
				.forEach(timers::add);
			return !timers.isEmpty();
		});
		assertThat(timers).allSatisfy((thread) -> assertThat(thread.isDaemon()).as(thread.getName()).isTrue());
	}

}
