package dev.mqttrr.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.core.MqttRequestTimeoutException;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestApplications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A responder's {@code CompletableFuture} holds its request, and its place in the responder's
 * bound, until it completes; one that outlives its request's expiry lets both go: no reply (the
 * caller stopped waiting), the request acknowledged and counted as expired, the place free for
 * the next request. Here the bound is one request (one thread, no queue): without the expiry the
 * second request would get a busy reply.
 */
@ExtendWith(OutputCaptureExtension.class)
class AsyncResponderExpiryIntegrationTests {

	@Test
	void stageThatOutlivesItsRequestFreesTheResponder(CapturedOutput output) throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		try (ConfigurableApplicationContext context = TestApplications
			.application(Forgetful.class, broker.url(), "async-expiry", "mqtt.responder.concurrency=1",
					"mqtt.responder.queue-capacity=0")
			.run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			MqttResponderEndpointRegistry registry = context.getBean(MqttResponderEndpointRegistry.class);
			Forgetful forgetful = context.getBean(Forgetful.class);
			assertThatExceptionOfType(MqttRequestTimeoutException.class)
				.isThrownBy(() -> template.request("async/forget", bytes("never"), Duration.ofSeconds(1)));
			// Its expiry (1 s, counted from its arrival) passes just after the caller's timeout.
			await().atMost(Duration.ofSeconds(5)).until(() -> registry.getExpiredRequestCount() == 1);
			assertThat(template.request("async/forget", bytes("answer"), Duration.ofSeconds(10)).payloadAsString())
				.isEqualTo("answered");
			assertThat(forgetful.calls).hasValue(2);
			assertThat(registry.getBusyRequestCount()).isZero();
			assertThat(output.getOut()).contains("had not completed its CompletionStage")
				.doesNotContain("Could not send the reply");
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
	static class Forgetful {

		final AtomicInteger calls = new AtomicInteger();

		@MqttResponder("async/forget")
		CompletableFuture<String> answer(String request) {
			this.calls.incrementAndGet();
			return "answer".equals(request) ? CompletableFuture.completedFuture("answered") : new CompletableFuture<>();
		}

	}

}
