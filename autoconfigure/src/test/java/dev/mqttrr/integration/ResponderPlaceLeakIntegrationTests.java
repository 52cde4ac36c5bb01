package dev.mqttrr.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttRequestResponseException;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.responder.observation.MqttResponderObservationContext;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestApplications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A responder's place in its bound is now given back only by the listener's {@code done}; every
 * path that ends a request must run it, or the responder stays busy for good (and the request is
 * never acknowledged). Here the bound is one request (one thread, no queue), so one lost place
 * turns every later request into a busy reply.
 */
class ResponderPlaceLeakIntegrationTests {

	/**
	 * The reply to a completed {@code CompletableFuture} is built on the completing thread inside
	 * {@code whenComplete}, whose catch only takes {@code RuntimeException}: an {@code Error} from the
	 * conversion (here a getter's {@code AssertionError}) skips {@code done}. A synchronous method
	 * whose result throws the same is covered by {@code handle}'s catch of {@code Error}.
	 */
	@Test
	void errorWhileReplyingToAStageGivesThePlaceBack() {
		MosquittoBroker broker = new MosquittoBroker().start();
		try (ConfigurableApplicationContext context = TestApplications
			.application(ErrorOnReply.class, broker.url(), "place-leak-error", "mqtt.responder.concurrency=1",
					"mqtt.responder.queue-capacity=0")
			.run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			assertThatExceptionOfType(MqttRequestResponseException.class)
				.isThrownBy(() -> template.request("leak/error", bytes("unconvertible"), Duration.ofSeconds(2)));
			assertThat(template.request("leak/error", bytes("answer"), Duration.ofSeconds(10)).payloadAsString())
				.isEqualTo("answered");
		}
		finally {
			broker.stop();
		}
	}

	/**
	 * With observations, the listener's {@code done} runs after {@code observation.stop()}, in one
	 * {@code once}: a handler that throws on stop (once, here) leaves the request's place taken.
	 */
	@Test
	void observationThatFailsToStopGivesThePlaceBack() {
		FailingObservation.thrown.set(false);
		MosquittoBroker broker = new MosquittoBroker().start();
		try (ConfigurableApplicationContext context = TestApplications
			.application(FailingObservation.class, broker.url(), "place-leak-observation",
					"mqtt.responder.concurrency=1", "mqtt.responder.queue-capacity=0")
			.run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			// No reply (the stage completes with null): the caller times out.
			assertThatExceptionOfType(MqttRequestResponseException.class)
				.isThrownBy(() -> template.request("leak/observed", bytes("silent"), Duration.ofSeconds(2)));
			assertThat(FailingObservation.thrown).isTrue();
			assertThat(template.request("leak/observed", bytes("answer"), Duration.ofSeconds(10)).payloadAsString())
				.isEqualTo("answered");
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
	static class ErrorOnReply {

		final AtomicInteger calls = new AtomicInteger();

		@MqttResponder("leak/error")
		CompletableFuture<Object> answer(String request) {
			this.calls.incrementAndGet();
			return CompletableFuture.completedFuture("answer".equals(request) ? "answered" : new Unconvertible());
		}

	}

	public static final class Unconvertible {

		public String getValue() {
			throw new AssertionError("cannot be read");
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class FailingObservation {

		static final AtomicBoolean thrown = new AtomicBoolean();

		@Bean
		static ObservationRegistry observationRegistry() {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {

				@Override
				public void onStop(Observation.Context context) {
					if (thrown.compareAndSet(false, true)) {
						throw new IllegalStateException("observation handler failed on stop");
					}
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return context instanceof MqttResponderObservationContext;
				}

			});
			return registry;
		}

		@MqttResponder("leak/observed")
		CompletableFuture<String> answer(String request) {
			return CompletableFuture.completedFuture("answer".equals(request) ? "answered" : null);
		}

	}

}
