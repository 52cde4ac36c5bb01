package dev.mqttrr.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.core.MqttDisconnectedException;
import dev.mqttrr.core.MqttReply;
import dev.mqttrr.core.MqttRequestResponseException;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.core.MqttRequestTimeoutException;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TcpProxy;
import dev.mqttrr.test.TestBroker;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery fault suite: a real broker, load, and a fault in the middle; each test asserts
 * the figure of its scenario.
 */
class FaultSuiteIntegrationTests {

	@Test
	void tenThousandRequestsAtConcurrency64EachGetTheirOwnReply() throws Exception {
		for (TestBroker broker : List.of(TestBroker.mosquitto(), TestBroker.hivemq())) {
			broker.start();
			try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
				.application(Responders.class, broker.url(), "nonce").run()) {
				MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
				AtomicInteger next = new AtomicInteger();
				Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
				ExecutorService callers = Executors.newFixedThreadPool(64);
				try {
					List<Future<?>> running = new ArrayList<>();
					for (int caller = 0; caller < 64; caller++) {
						running.add(callers.submit(() -> {
							while (next.incrementAndGet() <= 10_000) {
								String nonce = UUID.randomUUID().toString();
								try {
									String reply = template.request("fault/echo", bytes(nonce), Duration.ofSeconds(30))
										.payloadAsString();
									if (!reply.equals(nonce)) {
										failures.add(new AssertionError("got " + reply + " for " + nonce));
									}
								}
								catch (RuntimeException ex) {
									failures.add(ex);
								}
							}
						}));
					}
					for (Future<?> caller : running) {
						caller.get(120, TimeUnit.SECONDS);
					}
				}
				finally {
					callers.shutdownNow();
				}
				assertThat(failures).as(broker.toString()).isEmpty();
				assertThat(template.getPendingRequestCount()).isZero();
			}
			finally {
				broker.stop();
			}
		}
	}

	@Test
	void brokerKilledForThreeSecondsDuringRequestsEveryRequestEndsInTimeAndServiceComesBack() throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		Duration timeout = Duration.ofSeconds(5);
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(Responders.class, broker.url(), "killed-broker").run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			AtomicInteger next = new AtomicInteger();
			AtomicInteger answered = new AtomicInteger();
			Queue<String> late = new ConcurrentLinkedQueue<>();
			Queue<Throwable> untyped = new ConcurrentLinkedQueue<>();
			ExecutorService callers = Executors.newFixedThreadPool(32);
			try {
				List<Future<?>> running = new ArrayList<>();
				for (int caller = 0; caller < 32; caller++) {
					running.add(callers.submit(() -> {
						while (next.incrementAndGet() <= 5000) {
							long started = System.nanoTime();
							try {
								template.request("fault/echo", bytes("x"), timeout);
								answered.incrementAndGet();
							}
							catch (MqttRequestResponseException ex) {
								// A typed failure: fine, but in time.
							}
							catch (RuntimeException ex) {
								untyped.add(ex);
							}
							Duration took = Duration.ofNanos(System.nanoTime() - started);
							if (took.compareTo(timeout.plusSeconds(1)) > 0) {
								late.add(took.toString());
							}
						}
					}));
				}
				await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= 500);
				broker.kill();
				await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
				broker.start();
				long back = System.nanoTime();
				// Responders answer again within 5 s of the broker's return.
				await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
					.until(() -> template.request("fault/echo", bytes("back"), Duration.ofSeconds(1)).payloadAsString()
						.equals("back"));
				assertThat(Duration.ofNanos(System.nanoTime() - back)).isLessThan(Duration.ofSeconds(5));
				for (Future<?> caller : running) {
					caller.get(120, TimeUnit.SECONDS);
				}
			}
			finally {
				callers.shutdownNow();
			}
			assertThat(untyped).isEmpty();
			assertThat(late).isEmpty();
			assertThat(template.getPendingRequestCount()).isZero();
		}
		finally {
			broker.stop();
		}
	}

	@Test
	void aCutConnectionFailsOneHundredWaitingRequestsWithinASecond() throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		try (TcpProxy proxy = new TcpProxy(broker.port()).start();
				ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
					.application(Responders.class, "tcp://127.0.0.1:" + proxy.getPort(), "cut").run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			Responders responders = context.getBean(Responders.class);
			List<CompletableFuture<MqttReply>> waiting = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				waiting.add(template.requestAsync("fault/never", bytes("x"), Duration.ofSeconds(60)));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> responders.neverAnswered.get() == 100);
			long cut = System.nanoTime();
			proxy.cutAll();
			CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).handle((done, ex) -> null)
				.get(5, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - cut)).isLessThan(Duration.ofSeconds(1));
			assertThat(waiting).allSatisfy((request) -> assertThat(request).failsWithin(Duration.ZERO)
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(MqttDisconnectedException.class));
		}
		finally {
			broker.stop();
		}
	}

	@Test
	void tenThousandRequestsThatTimeOutBeforeTheirLateRepliesLeaveNothingBehind() throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		PahoMqttConnection spy = TestConnections.connection(broker.url(), "late-spy", 5, TestConnections.NO_RECONNECT);
		// Each late reply's CompletableFuture holds a place in the responder's bound for its 300 ms:
		// about 1,500 at once here, more than the default 1,008, which would answer busy instead.
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(Responders.class, broker.url(), "late", "mqtt.responder.queue-capacity=10000")
			.run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			Responders responders = context.getBean(Responders.class);
			// Counts the requests that reach the broker: those the template sent.
			AtomicInteger sent = new AtomicInteger();
			spy.addRoute("fault/late", (message) -> sent.incrementAndGet(), Runnable::run);
			spy.start();
			spy.subscribe("fault/late", 1).get(10, TimeUnit.SECONDS);
			// Warm up, and a baseline for the timeout's precision.
			long started = System.nanoTime();
			CompletableFuture<MqttReply> one = template.requestAsync("fault/late", bytes("x"), Duration.ofMillis(200));
			assertThat(one).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(MqttRequestTimeoutException.class);
			// The caller times out at its timeout, within 200 ms, though the reply comes 100 ms later.
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(200),
					Duration.ofMillis(400));
			Semaphore inFlight = new Semaphore(500);
			// An expiry well past the replies' lateness: the 1 s the 100 ms timeout would give lets the
			// responder give up a reply its loaded timer thread completes after it, and this test
			// counts replies that are sent late, not skipped.
			PublishProperties longExpiry = PublishProperties.builder().messageExpiryInterval(30L).build();
			for (int i = 0; i < 10_000; i++) {
				inFlight.acquire();
				template.requestAsync("fault/late", bytes("x"), longExpiry, Duration.ofMillis(100))
					.whenComplete((reply, ex) -> inFlight.release());
			}
			inFlight.acquire(500);
			assertThat(template.getPendingRequestCount()).isZero();
			// Requests that ran out of time while waiting for an in-flight slot were never sent; every
			// one that was sent got its reply late, and each late reply is dropped and counted.
			MqttResponderEndpointRegistry registry = context.getBean(MqttResponderEndpointRegistry.class);
			await().atMost(Duration.ofSeconds(30)).during(Duration.ofMillis(500)).untilAsserted(() -> {
				String counts = "sent %d, late replies %d, unmatched %d, busy %d, expired %d".formatted(sent.get(),
						responders.lateReplies.get(), template.getUnmatchedReplyCount(),
						registry.getBusyRequestCount(), registry.getExpiredRequestCount());
				// The warm-up request is among them. How many wait out their 100 ms for an in-flight slot
				// depends on the machine's load (5,128 to 9,700 of 10,000 sent seen here); thousands go.
				assertThat(sent.get()).as(counts).isGreaterThan(1_000);
				assertThat(responders.lateReplies.get()).as(counts).isEqualTo(sent.get());
				assertThat(template.getUnmatchedReplyCount()).as(counts).isEqualTo(responders.lateReplies.get());
			});
			assertThat(template.getPendingRequestCount()).isZero();
			assertThat(registry.getBusyRequestCount()).isZero();
		}
		finally {
			spy.destroy();
			broker.stop();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Responders {

		final AtomicInteger neverAnswered = new AtomicInteger();

		final AtomicInteger lateReplies = new AtomicInteger();

		@MqttResponder("fault/echo")
		String echo(String request) {
			return request;
		}

		@MqttResponder("fault/never")
		void never(String request) {
			this.neverAnswered.incrementAndGet();
		}

		@MqttResponder("fault/late")
		CompletableFuture<String> late(String request) {
			return CompletableFuture.supplyAsync(() -> {
				this.lateReplies.incrementAndGet();
				return request;
			}, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
		}

	}

}
