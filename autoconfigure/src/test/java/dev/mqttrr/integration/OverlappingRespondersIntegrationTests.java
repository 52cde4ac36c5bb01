package dev.mqttrr.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.handler.annotation.Header;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.support.MqttHeaders;
import dev.mqttrr.test.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Responders whose filters overlap ({@code over/+} and {@code over/#}): a broker sends a copy of a
 * matching request per subscription. With subscription identifiers each method runs once per
 * request; without them, the application refuses to start, naming both methods.
 */
class OverlappingRespondersIntegrationTests {

	private static final int REQUESTS = 20;

	static Stream<TestBroker> brokersWithSubscriptionIdentifiers() {
		return Stream.of(TestBroker.mosquitto(), TestBroker.hivemq());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokersWithSubscriptionIdentifiers")
	void eachOverlappingResponderRunsOncePerRequest(TestBroker broker) {
		broker.start();
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(Overlapping.class, broker.url(), "overlap").run()) {
			assertThat(context.getBean(MqttConnection.class).isSubscriptionIdentifierAvailable()).isTrue();
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			for (int i = 0; i < REQUESTS; i++) {
				assertThat(template.request("over/a", bytes("r" + i)).payloadAsString()).isIn("plus", "hash");
			}
			Overlapping responders = context.getBean(Overlapping.class);
			// A second copy of a request would come right behind the first: give it the time to.
			await().atMost(Duration.ofSeconds(10))
				.during(Duration.ofMillis(500))
				.until(() -> responders.plus.size() == REQUESTS && responders.hash.size() == REQUESTS
						&& responders.plus.values().stream().allMatch((count) -> count.get() == 1)
						&& responders.hash.values().stream().allMatch((count) -> count.get() == 1));
		}
		finally {
			broker.stop();
		}
	}

	@Test
	void withoutSubscriptionIdentifiersOverlappingRespondersFailStartUpNamingBoth() {
		TestBroker broker = TestBroker.hivemqWithoutSubscriptionIdentifiers();
		broker.start();
		try {
			assertThatExceptionOfType(Exception.class).isThrownBy(() -> AbstractRequestResponseIntegrationTests
				.application(Overlapping.class, broker.url(), "overlap-refused").run().close())
				.satisfies((ex) -> assertThat(ex).hasStackTraceContaining("Overlapping.plus ('over/+')")
					.hasStackTraceContaining("Overlapping.hash ('over/#')")
					.hasStackTraceContaining("does not support MQTT 5 subscription identifiers"));
		}
		finally {
			broker.stop();
		}
	}

	@Test
	void withoutSubscriptionIdentifiersRespondersThatDoNotOverlapRunOncePerRequest() {
		TestBroker broker = TestBroker.hivemqWithoutSubscriptionIdentifiers();
		broker.start();
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(Apart.class, broker.url(), "apart").run()) {
			assertThat(context.getBean(MqttConnection.class).isSubscriptionIdentifierAvailable()).isFalse();
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			for (int i = 0; i < REQUESTS; i++) {
				assertThat(template.request("left/a", bytes("l" + i)).payloadAsString()).isEqualTo("left");
				assertThat(template.request("right/a", bytes("r" + i)).payloadAsString()).isEqualTo("right");
			}
			Apart responders = context.getBean(Apart.class);
			await().atMost(Duration.ofSeconds(10))
				.during(Duration.ofMillis(500))
				.until(() -> responders.left.size() == REQUESTS && responders.right.size() == REQUESTS
						&& responders.left.values().stream().allMatch((count) -> count.get() == 1)
						&& responders.right.values().stream().allMatch((count) -> count.get() == 1));
		}
		finally {
			broker.stop();
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void count(Map<String, AtomicInteger> invocations, byte[] correlationData) {
		invocations.computeIfAbsent(HexFormat.of().formatHex(correlationData), (key) -> new AtomicInteger())
			.incrementAndGet();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Overlapping {

		final Map<String, AtomicInteger> plus = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> hash = new ConcurrentHashMap<>();

		@MqttResponder("over/+")
		String plus(String request, @Header(MqttHeaders.CORRELATION_DATA) byte[] correlationData) {
			count(this.plus, correlationData);
			return "plus";
		}

		@MqttResponder("over/#")
		String hash(String request, @Header(MqttHeaders.CORRELATION_DATA) byte[] correlationData) {
			count(this.hash, correlationData);
			return "hash";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Apart {

		final Map<String, AtomicInteger> left = new ConcurrentHashMap<>();

		final Map<String, AtomicInteger> right = new ConcurrentHashMap<>();

		@MqttResponder("left/+")
		String left(String request, @Header(MqttHeaders.CORRELATION_DATA) byte[] correlationData) {
			count(this.left, correlationData);
			return "left";
		}

		@MqttResponder("right/#")
		String right(String request, @Header(MqttHeaders.CORRELATION_DATA) byte[] correlationData) {
			count(this.right, correlationData);
			return "right";
		}

	}

}
