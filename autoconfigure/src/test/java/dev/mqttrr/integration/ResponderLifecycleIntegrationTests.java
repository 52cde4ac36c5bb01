package dev.mqttrr.integration;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttReply;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.responder.MqttResponderEndpoint;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

/**
 * Review of 503b5ed / d5775c4 (delivery guarantees): each test shows one defect and fails on
 * that code.
 */
class ResponderLifecycleIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/**
	 * A context stopped while a request is still being handled (longer than the shutdown phase
	 * timeout, so Spring moves on) and started again: the old drain thread still holds the old
	 * routes, start() adds new ones with the same subscription identifier, and every request is
	 * handled (and answered) twice until the drain ends.
	 */
	@Test
	void restartWhileTheDrainWaitsRunsEachNewRequestOnce() throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		try (ConfigurableApplicationContext requester = AbstractRequestResponseIntegrationTests
			.application(Requester.class, broker.url(), "review-restart-requester").run();
				ConfigurableApplicationContext responder = AbstractRequestResponseIntegrationTests
					.application(Blocking.class, broker.url(), "review-restart-responder",
							"spring.lifecycle.timeout-per-shutdown-phase=1s")
					.run()) {
			MqttRequestTemplate template = requester.getBean(MqttRequestTemplate.class);
			Blocking blocking = responder.getBean(Blocking.class);
			CompletableFuture<MqttReply> slow = template.requestAsync("review/restart", bytes("block"),
					Duration.ofSeconds(30));
			assertThat(blocking.entered.await(10, TimeUnit.SECONDS)).isTrue();
			responder.stop();
			responder.start();
			await().atMost(WAIT).until(() -> responder.getBean(MqttConnection.class).isConnected());
			MqttReply reply = template.request("review/restart", bytes("second"), Duration.ofSeconds(10));
			assertThat(reply.payloadAsString()).isEqualTo("second");
			try {
				await().during(Duration.ofMillis(500))
					.atMost(Duration.ofSeconds(3))
					.untilAsserted(() -> assertThat(blocking.invocations.get("second").get())
						.as("invocations of the one request 'second'")
						.isEqualTo(1));
			}
			finally {
				blocking.release.countDown();
			}
		}
		finally {
			broker.stop();
		}
	}

	/**
	 * With start-without-broker, the registry runs while the connection is down. Registering an
	 * endpoint then (a lazily created responder bean) throws, although the endpoint stays
	 * registered and is subscribed once the broker comes: the caller is told it failed.
	 */
	@Test
	void registerWhileTheBrokerIsDownDoesNotFailAnEndpointItWillServe() throws Exception {
		MosquittoBroker broker = new MosquittoBroker();
		try (ConfigurableApplicationContext responder = AbstractRequestResponseIntegrationTests
			.application(Empty.class, broker.url(), "review-register", "mqtt.connection-timeout=1s")
			.run()) {
			MqttResponderEndpointRegistry registry = responder.getBean(MqttResponderEndpointRegistry.class);
			assertThat(registry.isRunning()).isTrue();
			Counting bean = new Counting();
			Method method = Counting.class.getDeclaredMethod("echo", String.class);
			assertThatNoException().as("register() while the broker is down")
				.isThrownBy(() -> registry.register(new MqttResponderEndpoint(bean, method, "review/lazy", 1, "")));
		}
		finally {
			broker.stop();
		}
	}

	/**
	 * The consequence: a caller that believes the failed register() and registers again gets the
	 * method twice, and each request runs it twice once the broker is there.
	 */
	@Test
	void registerRetriedAfterItFailedWhileTheBrokerWasDownRunsTheMethodOncePerRequest() throws Exception {
		MosquittoBroker broker = new MosquittoBroker();
		try (ConfigurableApplicationContext responder = AbstractRequestResponseIntegrationTests
			.application(Empty.class, broker.url(), "review-register2", "mqtt.connection-timeout=1s")
			.run()) {
			MqttResponderEndpointRegistry registry = responder.getBean(MqttResponderEndpointRegistry.class);
			Counting bean = new Counting();
			Method method = Counting.class.getDeclaredMethod("echo", String.class);
			MqttResponderEndpoint endpoint = new MqttResponderEndpoint(bean, method, "review/lazy2", 1, "");
			try {
				registry.register(endpoint);
			}
			catch (RuntimeException ex) {
				// "Could not subscribe": try again, as a caller would.
				try {
					registry.register(endpoint);
				}
				catch (RuntimeException again) {
					// Still down.
				}
			}
			broker.start();
			try (ConfigurableApplicationContext requester = AbstractRequestResponseIntegrationTests
				.application(Requester.class, broker.url(), "review-register2-requester").run()) {
				MqttRequestTemplate template = requester.getBean(MqttRequestTemplate.class);
				await().atMost(WAIT)
					.ignoreExceptions()
					.until(() -> template.request("review/lazy2", bytes("x"), Duration.ofSeconds(1))
						.payloadAsString()
						.equals("x"));
				int before = bean.count.get();
				template.request("review/lazy2", bytes("y"), Duration.ofSeconds(5));
				await().during(Duration.ofMillis(500))
					.atMost(Duration.ofSeconds(3))
					.untilAsserted(() -> assertThat(bean.count.get() - before).as("runs of the method for one request")
						.isEqualTo(1));
			}
		}
		finally {
			broker.stop();
		}
	}

	/**
	 * Graceful shutdown counts a request as finished once its reply is acknowledged by the
	 * broker, not when it is handed to the connection: a CompletionStage reply (and every error
	 * reply) is handed over with publish(), which may queue it, and a drain that ended then would
	 * stop the connection under it. Requests are now acknowledged only once answered, so a
	 * responder holds at most as many as the broker's window, which is also its Receive Maximum
	 * for the replies (one limit for both directions, in Mosquitto and HiveMQ); the test fills that
	 * window over a link whose acknowledgements come late.
	 */
	@Test
	void gracefulCloseSendsAsyncRepliesQueuedBehindTheReceiveMaximum() throws Exception {
		int requests = 5;
		MosquittoBroker broker = new MosquittoBroker().withConfig("max_inflight_messages " + requests).start();
		TcpProxy proxy = new TcpProxy(broker.port()).start();
		try (ConfigurableApplicationContext requester = AbstractRequestResponseIntegrationTests
			.application(Requester.class, broker.url(), "review-queued-requester").run()) {
			ConfigurableApplicationContext responder = AbstractRequestResponseIntegrationTests
				.application(Later.class, "tcp://127.0.0.1:" + proxy.getPort(), "review-queued-responder")
				.run();
			MqttRequestTemplate template = requester.getBean(MqttRequestTemplate.class);
			Later later = responder.getBean(Later.class);
			List<CompletableFuture<MqttReply>> replies = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				replies.add(template.requestAsync("review/later", bytes("r" + i), Duration.ofSeconds(15)));
			}
			await().atMost(WAIT).untilAsserted(() -> assertThat(later.pending).hasSize(requests));
			// Acknowledgements from the broker now take a while, as over a slow link.
			proxy.delayServerToClient(Duration.ofMillis(300));
			later.pending.forEach((future) -> future.complete("done"));
			responder.close();
			int answered = 0;
			for (CompletableFuture<MqttReply> reply : replies) {
				try {
					reply.get(20, TimeUnit.SECONDS);
					answered++;
				}
				catch (Exception ex) {
					// counted below
				}
			}
			assertThat(answered).as("requests answered of " + requests + " the responder completed before it closed")
				.isEqualTo(requests);
		}
		finally {
			proxy.close();
			broker.stop();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Requester {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Empty {

	}

	static class Counting {

		final AtomicInteger count = new AtomicInteger();

		public String echo(String request) {
			this.count.incrementAndGet();
			return request;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Blocking {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();

		@MqttResponder("review/restart")
		String handle(String request) throws InterruptedException {
			this.invocations.computeIfAbsent(request, (key) -> new AtomicInteger()).incrementAndGet();
			if (request.equals("block")) {
				this.entered.countDown();
				this.release.await(30, TimeUnit.SECONDS);
			}
			return request;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Later {

		final List<CompletableFuture<String>> pending = new CopyOnWriteArrayList<>();

		@MqttResponder("review/later")
		CompletableFuture<String> handle(String request) {
			CompletableFuture<String> future = new CompletableFuture<>();
			this.pending.add(future);
			return future;
		}

	}

}
