package dev.mqttrr.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.handler.annotation.Header;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttReply;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.core.MqttRequestTimeoutException;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;
import dev.mqttrr.support.MqttHeaders;
import dev.mqttrr.test.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request carries its timeout as Message Expiry Interval; a responder that gets to it only
 * after that skips it and counts it.
 */
class RequestExpiryIntegrationTests {

	@Test
	void requestsThatExpiredWhileTheResponderWasBusyAreSkipped() throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(Busy.class, broker.url(), "expiry", "mqtt.responder.concurrency=1").run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			Busy busy = context.getBean(Busy.class);
			CompletableFuture<MqttReply> blocking = template.requestAsync("busy/work", bytes("block"),
					Duration.ofSeconds(20));
			assertThat(busy.blocking.await(5, TimeUnit.SECONDS)).isTrue();
			long sent = System.nanoTime();
			List<CompletableFuture<MqttReply>> queued = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				queued.add(template.requestAsync("busy/work", bytes("queued " + i), Duration.ofSeconds(1)));
			}
			assertThat(queued).allSatisfy((request) -> assertThat(request).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(MqttRequestTimeoutException.class));
			// Their 1 s expiry passes while the one thread is still busy.
			await().pollDelay(Duration.ofMillis(1200)).atMost(Duration.ofSeconds(3))
				.until(() -> System.nanoTime() - sent > 1_200_000_000L);
			busy.release.countDown();
			assertThat(blocking).succeedsWithin(Duration.ofSeconds(5));
			MqttResponderEndpointRegistry registry = context.getBean(MqttResponderEndpointRegistry.class);
			await().atMost(Duration.ofSeconds(5)).until(() -> registry.getExpiredRequestCount() == 5);
			assertThat(busy.handledQueued.get()).isZero();
			assertThat(busy.expiry.get()).isBetween(19, 20);
		}
		finally {
			broker.stop();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Busy {

		final CountDownLatch blocking = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final AtomicInteger handledQueued = new AtomicInteger();

		final AtomicInteger expiry = new AtomicInteger();

		@MqttResponder("busy/work")
		String work(String request, @Header(MqttHeaders.MESSAGE_EXPIRY_INTERVAL) Long expiry)
				throws InterruptedException {
			if (request.equals("block")) {
				this.expiry.set(expiry.intValue());
				this.blocking.countDown();
				this.release.await(10, TimeUnit.SECONDS);
				return "done";
			}
			this.handledQueued.incrementAndGet();
			return request;
		}

	}

}
