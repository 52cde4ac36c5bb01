package dev.mqttrr.integration;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;

import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttDisconnectedException;
import dev.mqttrr.core.MqttInvalidTopicException;
import dev.mqttrr.core.MqttNoSubscriberException;
import dev.mqttrr.core.MqttReply;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.core.MqttRequestTimeoutException;
import dev.mqttrr.core.MqttResponderException;
import dev.mqttrr.core.PublishProperties;
import dev.mqttrr.core.UserProperty;
import dev.mqttrr.integration.TestResponders.Addends;
import dev.mqttrr.integration.TestResponders.Sum;
import dev.mqttrr.test.TestBroker;
import dev.mqttrr.test.TestApplications;
import dev.mqttrr.test.TestConnections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The request/response scenarios, run against each real broker by a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractRequestResponseIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private TestBroker broker;

	private ConfigurableApplicationContext context;

	MqttRequestTemplate template;

	TestResponders responders;

	protected abstract TestBroker createBroker();

	/**
	 * Whether the broker hands shared-subscription messages to group members in turn. HiveMQ
	 * prefers a member while it keeps up, so with fast responders one may serve them all.
	 */
	protected boolean brokerSharesRoundRobin() {
		return true;
	}

	@BeforeAll
	void startBrokerAndApplication() {
		this.broker = createBroker();
		this.broker.start();
		this.context = application(TestResponders.class, this.broker.url(), "requester").run();
		this.template = this.context.getBean(MqttRequestTemplate.class);
		this.responders = this.context.getBean(TestResponders.class);
	}

	@AfterAll
	void stopApplicationAndBroker() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.broker != null) {
			this.broker.stop();
		}
	}

	static SpringApplicationBuilder application(Class<?> source, String url, String name, String... extraProperties) {
		return TestApplications.application(source, url, name, extraProperties);
	}

	@Test
	void concurrentFirstPublishesToNewTopicsKeepTheConnection() throws Exception {
		// Paho gives topics aliases outside its queue lock when the broker allows them, up to the
		// broker's limit per connection: a fresh connection's first concurrent publishes to new
		// topics are where that race makes the broker close the connection.
		try (ConfigurableApplicationContext fresh = application(TestResponders.class, this.broker.url(), "aliases")
			.run()) {
			MqttConnection connection = fresh.getBean(MqttConnection.class);
			ExecutorService threads = Executors.newFixedThreadPool(16);
			try {
				for (int round = 0; round < 12; round++) {
					String topic = "test/alias/" + UUID.randomUUID();
					CountDownLatch start = new CountDownLatch(1);
					List<Future<CompletableFuture<Integer>>> sent = new ArrayList<>();
					for (int i = 0; i < 16; i++) {
						sent.add(threads.submit(() -> {
							start.await();
							return TestConnections.publish(connection, TestConnections.message(topic, 1));
						}));
					}
					start.countDown();
					for (Future<CompletableFuture<Integer>> publish : sent) {
						assertThat(publish.get(20, TimeUnit.SECONDS)).succeedsWithin(WAIT);
					}
				}
			}
			finally {
				threads.shutdownNow();
			}
			assertThat(connection.isConnected()).isTrue();
			MqttRequestTemplate template = fresh.getBean(MqttRequestTemplate.class);
			assertThat(template.request("test/echo", "after".getBytes(StandardCharsets.UTF_8)).payloadAsString())
				.isEqualTo("after");
		}
	}

	@Test
	void contextStopThenStartLeavesAWorkingTemplateAndResponders() {
		try (ConfigurableApplicationContext fresh = application(TestResponders.class, this.broker.url(), "restart")
			.run()) {
			MqttRequestTemplate template = fresh.getBean(MqttRequestTemplate.class);
			assertThat(template.request("test/echo", "before".getBytes(StandardCharsets.UTF_8)).payloadAsString())
				.isEqualTo("before");
			fresh.stop();
			assertThatExceptionOfType(MqttDisconnectedException.class)
				.isThrownBy(() -> template.request("test/echo", "stopped".getBytes(StandardCharsets.UTF_8)));
			fresh.start();
			assertThat(template.request("test/echo", "after".getBytes(StandardCharsets.UTF_8)).payloadAsString())
				.isEqualTo("after");
			assertThat(template.getPendingRequestCount()).isZero();
		}
	}

	@Test
	void roundTripOnTheInbox() {
		MqttReply reply = this.template.request("test/echo", "hello".getBytes(StandardCharsets.UTF_8));
		assertThat(reply.payloadAsString()).isEqualTo("hello");
		assertThat(reply.topic()).isEqualTo(this.template.getInboxTopic());
		assertThat(reply.properties().contentType()).startsWith("text/plain");
		assertThat(reply.properties().correlationData()).hasSize(16);
		assertThat(this.template.getPendingRequestCount()).isZero();
	}

	@Test
	void anEmptyPayloadNeedsAnOptionalPayloadParameter() {
		assertThatExceptionOfType(MqttResponderException.class)
			.isThrownBy(() -> this.template.request("test/echo", new byte[0]))
			.withMessageContaining("Payload value must not be empty");
		assertThat(this.template.request("test/optional", new byte[0]).payloadAsString()).isEqualTo("(no payload)");
	}

	@Test
	void generatedCorrelationDataIsARandomPrefixAndACounter() {
		byte[] first = this.template.request("test/echo", new byte[] { 1 }).properties().correlationData();
		byte[] second = this.template.request("test/echo", new byte[] { 1 }).properties().correlationData();
		assertThat(first).hasSize(16).isNotEqualTo(second);
		assertThat(Arrays.copyOf(second, 8)).isEqualTo(Arrays.copyOf(first, 8));
		assertThat(ByteBuffer.wrap(second).getLong(8)).isGreaterThan(ByteBuffer.wrap(first).getLong(8));
	}

	@Test
	void roundTripWithGivenResponseTopicAndCorrelationData() {
		String responseTopic = "test/replies/" + UUID.randomUUID();
		byte[] correlation = "my-correlation".getBytes(StandardCharsets.UTF_8);
		PublishProperties properties = PublishProperties.builder()
			.responseTopic(responseTopic)
			.correlationData(correlation)
			.build();
		MqttReply reply = this.template.request("test/bytes", new byte[] { 1, 2, 3 }, properties, WAIT);
		assertThat(reply.payload()).containsExactly(3, 2, 1);
		assertThat(reply.topic()).isEqualTo(responseTopic);
		assertThat(reply.properties().correlationData()).isEqualTo(correlation);
		assertThat(reply.properties().contentType()).isEqualTo("application/octet-stream");
		assertThat(this.template.getPendingRequestCount()).isZero();
	}

	@Test
	void thousandConcurrentAsyncRequestsEachGetTheirOwnReply() {
		List<CompletableFuture<MqttReply>> futures = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			futures.add(this.template.requestAsync("test/echo", ("request-" + i).getBytes(StandardCharsets.UTF_8),
					Duration.ofSeconds(60)));
		}
		for (int i = 0; i < 1000; i++) {
			assertThat(futures.get(i).join().payloadAsString()).isEqualTo("request-" + i);
		}
		assertThat(this.template.getPendingRequestCount()).isZero();
	}

	@Test
	void concurrentBlockingCallersBeyondTheReceiveMaximumAllSucceed() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(32);
		try {
			List<Future<String>> callers = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				String text = "caller-" + i;
				callers.add(threads.submit(() -> this.template
					.request("test/async", text.getBytes(StandardCharsets.UTF_8))
					.payloadAsString()));
			}
			for (int i = 0; i < 32; i++) {
				assertThat(callers.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("async:caller-" + i);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void repliesWithWrongOrMissingCorrelationDataAreIgnored() {
		long unmatchedBefore = this.template.getUnmatchedReplyCount();
		MqttReply reply = this.template.request("test/misbehave", "x".getBytes(StandardCharsets.UTF_8));
		assertThat(reply.payloadAsString()).isEqualTo("right:x");
		await().atMost(WAIT).until(() -> this.template.getUnmatchedReplyCount() >= unmatchedBefore + 2);
	}

	@Test
	void timeoutFailsAndLeavesNoPendingRequest() {
		assertThatExceptionOfType(MqttRequestTimeoutException.class)
			.isThrownBy(() -> this.template.request("test/void", "late".getBytes(StandardCharsets.UTF_8),
					Duration.ofMillis(300)))
			.withMessageContaining("test/void")
			.satisfies((ex) -> assertThat(ex.getTimeout()).isEqualTo(Duration.ofMillis(300)));
		assertThat(this.template.getPendingRequestCount()).isZero();
	}

	@Test
	void voidResponderReceivesTheRequestAndSendsNoReply() {
		String text = "void-" + UUID.randomUUID();
		CompletableFuture<MqttReply> future = this.template.requestAsync("test/void",
				text.getBytes(StandardCharsets.UTF_8), Duration.ofMillis(500));
		await().atMost(WAIT).until(() -> this.responders.recorded.contains(text));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(future::get)
			.withCauseInstanceOf(MqttRequestTimeoutException.class);
	}

	@Test
	void cancellingTheFutureRemovesThePendingRequest() {
		CompletableFuture<MqttReply> future = this.template.requestAsync("test/void",
				"cancel".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
		assertThat(future.cancel(true)).isTrue();
		await().atMost(WAIT).until(() -> this.template.getPendingRequestCount() == 0);
	}

	@Test
	void wildcardResponseTopicIsRejectedBeforeAnythingIsSent() {
		int probesBefore = this.responders.probes.get();
		PublishProperties wildcard = PublishProperties.builder().responseTopic("test/replies/#").build();
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> this.template.request("test/probe", "first".getBytes(StandardCharsets.UTF_8), wildcard,
					WAIT))
			.withMessageContaining("wildcards");
		// Messages from one client on one topic arrive in order: had the rejected request been
		// published, the probe would have counted it before this one.
		MqttReply reply = this.template.request("test/probe", "second".getBytes(StandardCharsets.UTF_8));
		assertThat(reply.payloadAsString()).isEqualTo("second:" + (probesBefore + 1));
	}

	@Test
	void invalidRequestTopicsAreRejected() {
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> this.template.request("", new byte[0]));
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> this.template.request("test/+/x", new byte[0]));
		assertThatExceptionOfType(MqttInvalidTopicException.class)
			.isThrownBy(() -> this.template.request("a".repeat(70_000), new byte[0]))
			.withMessageContaining("65535");
		CompletableFuture<MqttReply> future = this.template.requestAsync("test/#", new byte[0]);
		assertThat(future).isCompletedExceptionally();
	}

	@Test
	void errorReplyFailsTheCallerWithTheProblem() {
		assertThatExceptionOfType(MqttResponderException.class)
			.isThrownBy(() -> this.template.request("test/fail", "this".getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> {
				assertThat(ex.getTitle()).isEqualTo("IllegalArgumentException");
				assertThat(ex.getDetail()).isEqualTo("cannot handle this");
				assertThat(ex.getType()).isEqualTo("urn:mqttrr:error:java.lang.IllegalArgumentException");
				assertThat(ex.getReply().properties().contentType()).isEqualTo("application/problem+json");
			});
		assertThat(this.template.getPendingRequestCount()).isZero();
	}

	@Test
	void jsonConversionBothWays() {
		Sum sum = this.template.requestAndConvert("test/add", new Addends(2, 3), Sum.class);
		assertThat(sum).isEqualTo(new Sum(5));
		List<Integer> range = this.template.requestAndConvert("test/range", 4,
				new ParameterizedTypeReference<List<Integer>>() {
				});
		assertThat(range).containsExactly(0, 1, 2, 3);
		String async = this.template.requestAndConvert("test/async", "json", String.class);
		assertThat(async).isEqualTo("async:json");
	}

	@Test
	void brokenJsonGetsAnErrorReply() {
		PublishProperties json = PublishProperties.builder().contentType("application/json").build();
		assertThatExceptionOfType(MqttResponderException.class)
			.isThrownBy(() -> this.template.request("test/add", "{not json".getBytes(StandardCharsets.UTF_8), json,
					WAIT))
			.satisfies((ex) -> {
				assertThat(ex.getTitle()).isEqualTo("MqttMessageConversionException");
				assertThat(ex.getDetail()).contains("TestResponders.add");
			});
	}

	@Test
	void propertiesAreForwarded() {
		PublishProperties properties = PublishProperties.builder()
			.contentType("application/x-test")
			.messageExpiryInterval(60L)
			.userProperty("a", "1")
			.userProperty("a", "2")
			.userProperty("b", "3")
			.build();
		MqttReply reply = this.template.request("test/properties", new byte[] { 0 }, properties, WAIT);
		String[] echoed = reply.payloadAsString().split("\\|");
		assertThat(echoed[0]).isEqualTo("application/x-test");
		assertThat(Long.parseLong(echoed[1])).isCloseTo(60L, within(2L));
		assertThat(reply.properties().userProperties()).containsExactly(new UserProperty("a", "1"),
				new UserProperty("a", "2"), new UserProperty("b", "3"));
	}

	@Test
	void wildcardResponderReceivesTheConcreteTopic() {
		MqttReply reply = this.template.request("test/wildcard/device-7/info", new byte[0]);
		assertThat(reply.payloadAsString()).isEqualTo("test/wildcard/device-7/info");
	}

	@Test
	void requestWithoutAnySubscriberFailsFast() {
		assertThatExceptionOfType(MqttNoSubscriberException.class)
			.isThrownBy(() -> this.template.request("test/nobody/" + UUID.randomUUID(), new byte[0], WAIT))
			.withMessageContaining("No subscriber");
	}

	@Test
	void sharedGroupRespondersSplitTheLoad() {
		try (ConfigurableApplicationContext first = application(SharedResponder.class, this.broker.url(), "shared-1")
			.run();
				ConfigurableApplicationContext second = application(SharedResponder.class, this.broker.url(),
						"shared-2")
					.run()) {
			long unmatchedBefore = this.template.getUnmatchedReplyCount();
			List<CompletableFuture<MqttReply>> futures = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				futures.add(this.template.requestAsync("shared/work", ("job-" + i).getBytes(StandardCharsets.UTF_8)));
			}
			List<String> answeredBy = futures.stream().map((future) -> future.join().payloadAsString()).toList();
			assertThat(answeredBy).hasSize(100).allMatch((who) -> who.startsWith("shared-"));
			// Each request went to exactly one member of the group: plain subscriptions would have
			// answered every request twice.
			assertThat(first.getBean(SharedResponder.class).served.get()
					+ second.getBean(SharedResponder.class).served.get()).isEqualTo(100);
			assertThat(this.template.getUnmatchedReplyCount()).isEqualTo(unmatchedBefore);
			if (brokerSharesRoundRobin()) {
				assertThat(answeredBy).contains("shared-1", "shared-2");
			}
		}
	}

	@Test
	void lostConnectionFailsWaitingRequestsAtOnceAndRecovers() throws Exception {
		CompletableFuture<MqttReply> waiting = this.template.requestAsync("test/void",
				"waiting".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));
		await().atMost(WAIT).until(() -> this.responders.recorded.contains("waiting"));
		long stoppedAt = System.nanoTime();
		this.broker.stop();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> waiting.get(30, TimeUnit.SECONDS))
			.withCauseInstanceOf(MqttDisconnectedException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(30));
		assertThat(this.template.getPendingRequestCount()).isZero();
		assertThatExceptionOfType(MqttDisconnectedException.class)
			.isThrownBy(() -> this.template.request("test/echo", new byte[0]));
		this.broker.start();
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> this.template
			.request("test/echo", "back".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(2))
			.payloadAsString()
			.equals("back"));
	}

}
