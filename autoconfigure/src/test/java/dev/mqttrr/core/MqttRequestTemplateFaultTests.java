package dev.mqttrr.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.connection.ReconnectPolicy;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TcpProxy;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The request template against a real Mosquitto, paused or behind a TCP proxy that cuts the
 * connection: each test is one defect a review of the former template proved.
 */
class MqttRequestTemplateFaultTests {

	private static final byte[] PAYLOAD = "x".getBytes(StandardCharsets.UTF_8);

	private final MosquittoBroker broker = new MosquittoBroker();

	private final ExecutorService replyExecutor = Executors.newFixedThreadPool(2);

	private TcpProxy proxy;

	private PahoMqttConnection connection;

	private MqttRequestTemplate template;

	@BeforeEach
	void start() {
		this.broker.start();
		this.proxy = new TcpProxy(this.broker.port()).start();
		this.connection = TestConnections.connection("tcp://127.0.0.1:" + this.proxy.getPort(), "template-faults", 5,
				new ReconnectPolicy(true, Duration.ofMillis(50), Duration.ofMillis(100)));
		this.template = TestConnections.template(this.connection, this.replyExecutor, Duration.ofSeconds(5));
		this.connection.start();
		// No responder: the broker answers with "no matching subscribers" once the inbox is ready.
		await().atMost(Duration.ofSeconds(5)).ignoreExceptionsInstanceOf(MqttDisconnectedException.class)
			.untilAsserted(() -> assertThatExceptionOfType(MqttNoSubscriberException.class)
				.isThrownBy(() -> this.template.request("nobody/listens", PAYLOAD)));
	}

	@AfterEach
	void stop() {
		this.broker.resume();
		this.template.destroy();
		this.connection.destroy();
		this.proxy.close();
		this.broker.stop();
		this.replyExecutor.shutdownNow();
	}

	@Test
	void aBlockingRequestThatRunsOutOfTimeWaitingForASlotTimesOut() throws Exception {
		this.broker.pause();
		for (int i = 0; i < this.connection.getReceiveMaximum(); i++) {
			TestConnections.publish(this.connection, TestConnections.message("test/fill", 1));
		}
		ExecutorService callers = Executors.newFixedThreadPool(10);
		try {
			List<Future<Throwable>> failures = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				failures.add(callers.submit(() -> failureOf(() -> this.template.request("test/slow", PAYLOAD,
						Duration.ofMillis(300)))));
			}
			for (Future<Throwable> failure : failures) {
				assertThat(failure.get(10, TimeUnit.SECONDS)).isInstanceOf(MqttRequestTimeoutException.class);
			}
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void aFailedRequestShowsTheCallersFrames() {
		assertThatExceptionOfType(MqttNoSubscriberException.class)
			.isThrownBy(() -> this.template.request("nobody/listens", PAYLOAD))
			.withMessageContaining("nobody/listens")
			.satisfies((ex) -> assertThat(ex.getStackTrace()).anySatisfy((frame) -> assertThat(frame.getMethodName())
				.contains("aFailedRequestShowsTheCallersFrames")));
	}

	@Test
	void aSharedSubscriptionAsResponseTopicIsRefusedBeforeAnythingIsRegistered() {
		PublishProperties shared = PublishProperties.builder().responseTopic("$share/group/replies").build();
		assertThat(this.template.requestAsync("test/share", PAYLOAD, shared, Duration.ofSeconds(5)))
			.failsWithin(Duration.ofSeconds(1))
			.withThrowableOfType(Exception.class)
			.havingCause()
			.isInstanceOf(MqttInvalidTopicException.class);
		assertThat(this.template.getPendingRequestCount()).isZero();
		assertThat(this.template.getReplySubscriptionCount()).isZero();
	}

	@Test
	void connectionLossesRacingRequestsLeaveNoReplySubscriptionBehind() throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService threads = Executors.newFixedThreadPool(5);
		Queue<CompletableFuture<MqttReply>> requests = new ConcurrentLinkedQueue<>();
		try {
			// Loss events at a high rate, told straight to the template, so that some land between
			// a request's registration and its joining of the reply subscription.
			Future<?> losses = threads.submit(() -> {
				while (!stop.get()) {
					this.template.connectionLost(new IllegalStateException("connection loss for the test"));
				}
			});
			List<Future<?>> callers = new ArrayList<>();
			for (int caller = 0; caller < 4; caller++) {
				callers.add(threads.submit(() -> {
					for (int i = 0; i < 2500; i++) {
						PublishProperties properties = PublishProperties.builder()
							.responseTopic("replies/race/" + (i % 4))
							.build();
						requests.add(this.template.requestAsync("nobody/listens", PAYLOAD, properties,
								Duration.ofSeconds(2)));
					}
				}));
			}
			for (Future<?> caller : callers) {
				caller.get(60, TimeUnit.SECONDS);
			}
			stop.set(true);
			losses.get(10, TimeUnit.SECONDS);
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(requests).allSatisfy((request) -> assertThat(request).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(ExecutionException.class));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.template.getReplySubscriptionCount() == 0 && this.template.getPendingRequestCount() == 0);
	}

	private static Throwable failureOf(Runnable call) {
		try {
			call.run();
			return null;
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

}
