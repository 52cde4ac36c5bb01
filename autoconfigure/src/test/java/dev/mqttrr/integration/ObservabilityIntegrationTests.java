package dev.mqttrr.integration;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.sampler.Sampler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.mqttrr.autoconfigure.metrics.MqttMetrics;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttNoSubscriberException;
import dev.mqttrr.core.MqttReply;
import dev.mqttrr.core.MqttRequestResponseException;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.core.MqttRequestTimeoutException;
import dev.mqttrr.core.MqttResponderException;
import dev.mqttrr.core.OutgoingMessage;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.observation.DefaultMqttRequestObservationConvention;
import dev.mqttrr.core.observation.MqttRequestObservationConvention;
import dev.mqttrr.responder.observation.DefaultMqttResponderObservationConvention;
import dev.mqttrr.responder.observation.MqttResponderObservationConvention;
import dev.mqttrr.responder.observation.MqttTraceContextInjector;
import dev.mqttrr.test.TestBroker;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Observations, meters and trace propagation against a real broker (HiveMQ CE in this JVM).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObservabilityIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String TRACEPARENT = "00-([0-9a-f]{32})-([0-9a-f]{16})-01";

	private TestBroker broker;

	@BeforeAll
	void startBroker() {
		this.broker = TestBroker.hivemq();
		this.broker.start();
	}

	@AfterAll
	void stopBroker() {
		if (this.broker != null) {
			this.broker.stop();
		}
	}

	@Test
	void timersAndMetersCountAKnownMixOfOutcomes() {
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(MeteredApplication.class, this.broker.url(), "metered")
			.run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			context.getBean(MqttMetrics.class).bindTo(meters);
			assertThat(template.request("test/obs/echo", bytes("a")).payloadAsString()).isEqualTo("a");
			assertThat(template.request("test/obs/echo", bytes("b")).payloadAsString()).isEqualTo("b");
			assertThat(template.requestAsync("test/obs/echo", bytes("c"))).succeedsWithin(WAIT);
			assertThatExceptionOfType(MqttRequestTimeoutException.class)
				.isThrownBy(() -> template.request("test/obs/silent", bytes("d"), Duration.ofMillis(500)));
			assertThatExceptionOfType(MqttNoSubscriberException.class)
				.isThrownBy(() -> template.request("test/obs/nobody", bytes("e")));
			assertThatExceptionOfType(MqttResponderException.class)
				.isThrownBy(() -> template.request("test/obs/fail", bytes("f")));

			assertThat(requestCount(meters, "test/obs/echo", "success")).isEqualTo(3);
			assertThat(requestCount(meters, "test/obs/silent", "timeout")).isEqualTo(1);
			assertThat(requestCount(meters, "test/obs/nobody", "no_subscriber")).isEqualTo(1);
			assertThat(requestCount(meters, "test/obs/fail", "remote_error")).isEqualTo(1);
			assertThat(meters.get("mqtt.request").timers()).hasSize(4);
			// A responder's observation ends once its reply is acknowledged: after the caller has it.
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(responderCount(meters, "test/obs/echo", "success")).isEqualTo(3);
				assertThat(responderCount(meters, "test/obs/silent", "success")).isEqualTo(1);
				assertThat(responderCount(meters, "test/obs/fail", "error")).isEqualTo(1);
			});

			MqttConnection connection = context.getBean(MqttConnection.class);
			TestConnections.publish(connection, new OutgoingMessage(template.getInboxTopic(), bytes("stray"), 1,
					PublishProperties.builder().correlationData(bytes("nobody's")).build()));
			TestConnections.publish(connection, new OutgoingMessage("test/obs/echo", bytes("g"), 1,
					PublishProperties.builder().responseTopic("$refused/replies").build()));
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(meters.get("mqtt.replies.unmatched").functionCounter().count()).isEqualTo(1);
				assertThat(meters.get("mqtt.responder.refused").functionCounter().count()).isEqualTo(1);
			});
			assertThat(meters.get("mqtt.requests.pending").gauge().value()).isZero();
			assertThat(meters.get("mqtt.responder.expired").functionCounter().count()).isZero();
			assertThat(meters.get("mqtt.connection.reconnects").functionCounter().count()).isZero();

			TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
				.hasAnObservation((observation) -> observation.hasNameEqualTo("mqtt.responder")
					.hasContextualNameEqualTo("test/obs/fail process")
					.hasLowCardinalityKeyValue("messaging.system", "mqtt")
					.hasLowCardinalityKeyValue("messaging.operation", "process")
					.hasLowCardinalityKeyValue("messaging.destination.name", "test/obs/fail")
					.hasLowCardinalityKeyValue("mqtt.outcome", "error")
					.hasError());
		}
	}

	@Test
	void traceContinuesThroughTheBrokerToASyncResponderAndBack() {
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(TracedApplication.class, this.broker.url(), "traced-sync")
			.run()) {
			Traced traced = new Traced(context);
			MqttReply reply = traced.requestInSpan("test/obs/echo");
			TraceContext responder = context.getBean(ObservedResponders.class).syncContext.get();
			assertThat(responder.traceId()).isEqualTo(traced.callerTraceId);
			// The request as received carries traceparent as a plain user property, for any peer.
			String requestTraceparent = context.getBean(ObservedResponders.class).requestTraceparent.get();
			assertThat(requestTraceparent).matches(TRACEPARENT).startsWith("00-" + traced.callerTraceId + "-");
			String requestSpanId = requestTraceparent.substring(36, 52);
			assertThat(reply.properties().userProperty("traceparent"))
				.containsExactly("00-" + responder.traceId() + "-" + responder.spanId() + "-01");
			MutableSpan responderSpan = traced.finishedSpan(responder.spanId());
			assertThat(responderSpan.parentId()).isEqualTo(requestSpanId);
			assertThat(responderSpan.name()).isEqualTo("test/obs/echo process");
			assertThat(traced.finishedSpan(requestSpanId).parentId()).isEqualTo(traced.callerSpanId);
		}
	}

	@Test
	void traceContinuesToACompletableFutureResponderAndItsReply() {
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(TracedApplication.class, this.broker.url(), "traced-async")
			.run()) {
			Traced traced = new Traced(context);
			MqttReply reply = traced.requestInSpan("test/obs/async");
			assertThat(reply.payloadAsString()).isEqualTo("hello later");
			TraceContext responder = context.getBean(ObservedResponders.class).asyncContext.get();
			assertThat(responder.traceId()).isEqualTo(traced.callerTraceId);
			// Sent from the thread that completed the future: the responder's scope was reopened there.
			assertThat(reply.properties().userProperty("traceparent"))
				.containsExactly("00-" + responder.traceId() + "-" + responder.spanId() + "-01");
			assertThat(traced.finishedSpan(responder.spanId()).name()).isEqualTo("test/obs/async process");
		}
	}

	@Test
	void aReplyCopiedFromTheRequestHeadersCarriesTheRespondersTraceNotTheCallers() {
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(TracedApplication.class, this.broker.url(), "traced-copy")
			.run()) {
			Traced traced = new Traced(context);
			MqttReply reply = traced.requestInSpan("test/obs/copy");
			TraceContext responder = context.getBean(ObservedResponders.class).copyContext.get();
			assertThat(reply.properties().userProperty("traceparent"))
				.containsExactly("00-" + responder.traceId() + "-" + responder.spanId() + "-01");
		}
	}

	@Test
	void observationsAreOffWithTheProperty() {
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(TracedApplication.class, this.broker.url(), "unobserved", "mqtt.observation.enabled=false")
			.run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			assertThat(template.request("test/obs/echo", bytes("a")).properties().userProperty("traceparent")).isEmpty();
			assertThat(context.getBean(ObservedResponders.class).requestTraceparent.get()).isNull();
			assertThat(context.getBean(ObservedResponders.class).syncContext.get()).isNull();
			assertThat(context.getBeanProvider(MqttTraceContextInjector.class).getIfAvailable()).isNull();
		}
	}

	@Test
	void conventionBeansReplaceTheDefaultConventions() {
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(CustomConventionsApplication.class, this.broker.url(), "conventions")
			.run()) {
			context.getBean(MqttRequestTemplate.class).request("test/obs/echo", bytes("a"));
			await().atMost(WAIT)
				.untilAsserted(() -> TestObservationRegistryAssert.assertThat(context.getBean(TestObservationRegistry.class))
					.hasAnObservation((observation) -> observation.hasNameEqualTo("orders.request"))
					.hasAnObservation((observation) -> observation.hasNameEqualTo("orders.responder")));
		}
	}

	private static double requestCount(MeterRegistry meters, String topic, String outcome) {
		return timerCount(meters, "mqtt.request", "request", topic, outcome);
	}

	private static double responderCount(MeterRegistry meters, String filter, String outcome) {
		return timerCount(meters, "mqtt.responder", "process", filter, outcome);
	}

	private static double timerCount(MeterRegistry meters, String name, String operation, String destination,
			String outcome) {
		return meters.get(name)
			.tag("messaging.system", "mqtt")
			.tag("messaging.operation", operation)
			.tag("messaging.destination.name", destination)
			.tag("mqtt.outcome", outcome)
			.timer()
			.count();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** A caller's span around a request, and the spans Brave finished. */
	/**
	 * A peer that is not Java, {@code mosquitto_sub}, prints the request's user properties: the
	 * trace context is an ordinary MQTT 5 user property.
	 */
	@Test
	void aPeerThatIsNotJavaSeesTraceparentAsAUserProperty() throws Exception {
		URI broker = URI.create(this.broker.url());
		Process peer = new ProcessBuilder("mosquitto_sub", "-V", "5", "-h", broker.getHost(), "-p",
				String.valueOf(broker.getPort()), "-t", "test/obs/peer", "-C", "1", "-F", "%P")
			.redirectErrorStream(true)
			.start();
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(TracedApplication.class, this.broker.url(), "traced-peer")
			.run()) {
			Traced traced = new Traced(context);
			// mosquitto_sub subscribes in its own time: request until it printed one and exited.
			await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
				traced.tryRequestInSpan("test/obs/peer", Duration.ofMillis(100));
				return !peer.isAlive();
			});
			String printed = new String(peer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			assertThat(printed).matches("traceparent:00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		}
		finally {
			peer.destroyForcibly();
		}
	}

	private static final class Traced {

		private final ConfigurableApplicationContext context;

		private String callerTraceId;

		private String callerSpanId;

		Traced(ConfigurableApplicationContext context) {
			this.context = context;
		}

		MqttReply requestInSpan(String topic) {
			Tracer tracer = this.context.getBean(Tracer.class);
			Span caller = tracer.nextSpan().name("caller").start();
			this.callerTraceId = caller.context().traceId();
			this.callerSpanId = caller.context().spanId();
			try (Tracer.SpanInScope scope = tracer.withSpan(caller)) {
				return this.context.getBean(MqttRequestTemplate.class).request(topic, bytes("hello"));
			}
			finally {
				caller.end();
			}
		}

		void tryRequestInSpan(String topic, Duration timeout) {
			Tracer tracer = this.context.getBean(Tracer.class);
			Span caller = tracer.nextSpan().name("caller").start();
			try (Tracer.SpanInScope scope = tracer.withSpan(caller)) {
				this.context.getBean(MqttRequestTemplate.class).request(topic, bytes("hello"), timeout);
			}
			catch (MqttRequestResponseException ex) {
				// No responder here: only the request matters.
			}
			finally {
				caller.end();
			}
		}

		MutableSpan finishedSpan(String spanId) {
			List<MutableSpan> spans = this.context.getBean(TracedApplication.class).finished;
			return await().atMost(WAIT)
				.until(() -> spans.stream().filter((span) -> span.id().equals(spanId)).findFirst().orElse(null),
						(span) -> span != null);
		}

	}

	/** Observations timed into a {@link SimpleMeterRegistry} and recorded by a test registry. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ObservedResponders.class)
	static class MeteredApplication {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		TestObservationRegistry observationRegistry(MeterRegistry meters) {
			TestObservationRegistry registry = TestObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
			return registry;
		}

	}

	/** The default conventions replaced by beans. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ObservedResponders.class)
	static class CustomConventionsApplication {

		@Bean
		TestObservationRegistry observationRegistry() {
			return TestObservationRegistry.create();
		}

		@Bean
		MqttRequestObservationConvention requestConvention() {
			return new DefaultMqttRequestObservationConvention() {

				@Override
				public String getName() {
					return "orders.request";
				}

			};
		}

		@Bean
		MqttResponderObservationConvention responderConvention() {
			return new DefaultMqttResponderObservationConvention() {

				@Override
				public String getName() {
					return "orders.responder";
				}

			};
		}

	}

	/** A real tracer: Brave with W3C propagation, bridged as Boot's tracing auto-configuration does. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ObservedResponders.class)
	static class TracedApplication {

		final List<MutableSpan> finished = new CopyOnWriteArrayList<>();

		@Bean(destroyMethod = "close")
		Tracing braveTracing() {
			return Tracing.newBuilder()
				.localServiceName("observability-tests")
				.traceId128Bit(true)
				.currentTraceContext(ThreadLocalCurrentTraceContext.create())
				.propagationFactory(new W3CPropagation())
				.sampler(Sampler.ALWAYS_SAMPLE)
				.addSpanHandler(new SpanHandler() {

					@Override
					public boolean end(brave.propagation.TraceContext context, MutableSpan span, Cause cause) {
						TracedApplication.this.finished.add(span);
						return true;
					}

				})
				.build();
		}

		@Bean
		BraveTracer tracer(Tracing tracing) {
			return new BraveTracer(tracing.tracer(), new BraveCurrentTraceContext(tracing.currentTraceContext()),
					new BraveBaggageManager());
		}

		@Bean
		BravePropagator propagator(Tracing tracing) {
			return new BravePropagator(tracing);
		}

		@Bean
		ObservationRegistry observationRegistry(Tracer tracer, Propagator propagator) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig()
				.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
						new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
						new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
						new DefaultTracingObservationHandler(tracer)));
			return registry;
		}

	}

}
