package dev.mqttrr.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttReply;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.core.MqttRequestTimeoutException;
import dev.mqttrr.test.MosquittoBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code mqtt.request.max-pending} bounds how many requests are out at once; the others wait for a
 * slot inside their own timeout.
 */
class MaxPendingIntegrationTests {

	private static MosquittoBroker broker;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() {
		broker = new MosquittoBroker().start();
		context = new SpringApplicationBuilder(Gate.class).web(WebApplicationType.NONE)
			.run("--mqtt.url=" + broker.url(), "--mqtt.request.max-pending=2", "--mqtt.responder.concurrency=4");
	}

	@AfterAll
	static void stop() {
		context.close();
		broker.stop();
	}

	@Test
	void onlyMaxPendingRequestsAreOutAtOnce() throws Exception {
		MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
		Gate gate = context.getBean(Gate.class);
		List<CompletableFuture<MqttReply>> futures = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			futures.add(template.requestAsync("test/gate", ("r" + i).getBytes(StandardCharsets.UTF_8),
					Duration.ofSeconds(30)));
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> gate.arrived.get() == 2);
		// A waiting caller's timeout covers its wait for a slot.
		assertThatExceptionOfType(MqttRequestTimeoutException.class).isThrownBy(() -> template
			.request("test/gate", "late".getBytes(StandardCharsets.UTF_8), Duration.ofMillis(200)));
		assertThat(gate.arrived.get()).isEqualTo(2);
		gate.open.countDown();
		for (CompletableFuture<MqttReply> future : futures) {
			assertThat(future.get(30, TimeUnit.SECONDS).payloadAsString()).startsWith("r");
		}
		assertThat(gate.arrived.get()).isEqualTo(5);
		assertThat(template.getPendingRequestCount()).isZero();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Gate {

		final AtomicInteger arrived = new AtomicInteger();

		final CountDownLatch open = new CountDownLatch(1);

		@MqttResponder("test/gate")
		String pass(String text) throws InterruptedException {
			this.arrived.incrementAndGet();
			this.open.await(30, TimeUnit.SECONDS);
			return text;
		}

	}

}
