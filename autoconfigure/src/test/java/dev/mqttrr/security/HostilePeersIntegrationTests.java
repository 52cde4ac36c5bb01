package dev.mqttrr.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.ErrorReplies;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttConnectionListener;
import dev.mqttrr.core.MqttReply;
import dev.mqttrr.core.MqttResponderBusyException;
import dev.mqttrr.core.MqttResponderException;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;
import dev.mqttrr.test.MosquittoBroker;
import dev.mqttrr.test.TestApplications;
import dev.mqttrr.test.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Peers that forge replies, flood a responder, or send hostile JSON: each is answered or counted,
 * nothing is lost silently, the connection stays up, and nothing is logged at ERROR.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostilePeersIntegrationTests {

	@Test
	void tenThousandForgedRepliesCompleteNoRequestAndAreCounted(CapturedOutput output) throws Exception {
		MosquittoBroker broker = new MosquittoBroker().start();
		MqttAsyncClient forger = new MqttAsyncClient(broker.url(), "forger", new MemoryPersistence());
		try (ConfigurableApplicationContext context = TestApplications
			.application(Hostile.class, broker.url(), "forged").run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			// A request that waits while the forged replies arrive: none of them may complete it.
			CompletableFuture<MqttReply> waiting = template.requestAsync("hostile/never", bytes("x"),
					Duration.ofSeconds(60));
			forger.connect(new MqttConnectionOptions()).waitForCompletion(5000);
			for (int i = 0; i < 10_000; i++) {
				byte[] correlation = new byte[(i % 2 == 0) ? 16 : 1 + (i % 40)];
				ThreadLocalRandom.current().nextBytes(correlation);
				MqttProperties properties = new MqttProperties();
				properties.setCorrelationData(correlation);
				MqttMessage reply = new MqttMessage(bytes("forged"));
				reply.setQos(0);
				reply.setProperties(properties);
				forger.publish(template.getInboxTopic(), reply);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> template.getUnmatchedReplyCount() == 10_000);
			assertThat(waiting).isNotDone();
			assertThat(template.getPendingRequestCount()).isEqualTo(1);
			assertThat(output.getOut()).doesNotContain(" ERROR ");
			// At most one line (none when another test in this JVM warned within the minute).
			assertThat(output.getOut().split("Ignored a reply", -1)).as("rate-limited warnings")
				.hasSizeLessThanOrEqualTo(2);
		}
		finally {
			if (forger.isConnected()) {
				forger.disconnect().waitForCompletion(5000);
			}
			forger.close();
			broker.stop();
		}
	}

	@Test
	void thousandRequestsAtOnceToFourThreadsAndAQueueOfSixteenAreAnsweredOrBusy(CapturedOutput output)
			throws Exception {
		for (TestBroker broker : List.of(TestBroker.hivemq(), TestBroker.mosquitto())) {
			broker.start();
			try (ConfigurableApplicationContext context = TestApplications
				.application(Hostile.class, broker.url(), "flood", "mqtt.responder.concurrency=4",
						"mqtt.responder.queue-capacity=16", "mqtt.request.max-pending=2000")
				.run()) {
				MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
				Hostile hostile = context.getBean(Hostile.class);
				AtomicInteger lost = new AtomicInteger();
				context.getBean(MqttConnection.class).addConnectionListener(new MqttConnectionListener() {
					@Override
					public void connectionLost(Throwable cause) {
						lost.incrementAndGet();
					}
				});
				List<CompletableFuture<MqttReply>> replies = new ArrayList<>();
				for (int i = 0; i < 1000; i++) {
					replies.add(template.requestAsync("hostile/slow", bytes("r" + i), Duration.ofSeconds(60)));
				}
				int answered = 0;
				int busy = 0;
				for (int i = 0; i < 1000; i++) {
					try {
						assertThat(replies.get(i).get(90, java.util.concurrent.TimeUnit.SECONDS).payloadAsString())
							.isEqualTo("r" + i);
						answered++;
					}
					catch (ExecutionException ex) {
						assertThat(ex.getCause()).as(broker + ": every failure is a busy reply")
							.isInstanceOf(MqttResponderBusyException.class);
						busy++;
					}
				}
				MqttResponderEndpointRegistry registry = context.getBean(MqttResponderEndpointRegistry.class);
				assertThat(answered + busy).as(broker + ": no request lost").isEqualTo(1000);
				assertThat(registry.getBusyRequestCount()).isEqualTo(busy);
				assertThat(hostile.slowCalls.get()).isEqualTo(answered);
				assertThat(hostile.maxConcurrent.get()).as(broker + ": threads").isLessThanOrEqualTo(4);
				assertThat(lost).as(broker + ": connection losses").hasValue(0);
				assertThat(template.getPendingRequestCount()).isZero();
				if (broker.toString().startsWith("HiveMQ")) {
					// HiveMQ sends the responder all 1,000 at once: most are over its bound.
					assertThat(busy).as("busy replies on " + broker).isGreaterThan(0);
				}
				// Mosquitto 2.0.11 also sends a v5 client up to its Receive Maximum (65,535 for Paho)
				// when max_inflight_messages is not set: most are busy there too.
				System.out.println(broker + ": " + answered + " answered, " + busy + " busy");
			}
			finally {
				broker.stop();
			}
		}
		assertThat(output.getOut()).doesNotContain(" ERROR ");
	}

	@Test
	void hostileJsonGetsAnErrorReplyAndTheMethodIsNotCalled(CapturedOutput output) throws Exception {
		// The broker takes the 50 MB request: the responder's own limit must refuse it.
		MosquittoBroker broker = new MosquittoBroker().withConfig("max_packet_size 104857600").start();
		try (ConfigurableApplicationContext context = TestApplications
			.application(Hostile.class, broker.url(), "json").run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			Hostile hostile = context.getBean(Hostile.class);
			String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
			String typeId = "{\"@class\":\"java.net.URL\",\"name\":\"x\",\"count\":1}";
			String longNumber = "{\"name\":\"x\",\"count\":" + "9".repeat(100_000) + "}";
			String hugeString = "{\"name\":\"" + "x".repeat(50 * 1024 * 1024) + "\",\"count\":1}";
			for (String hostileJson : List.of(deep, longNumber, hugeString)) {
				assertThatExceptionOfType(MqttResponderException.class)
					.isThrownBy(() -> template.request("hostile/record", bytes(hostileJson), Duration.ofSeconds(30)));
			}
			assertThatExceptionOfType(MqttResponderException.class)
				.isThrownBy(() -> template.request("hostile/record", bytes(hugeString), Duration.ofSeconds(30)))
				.satisfies((ex) -> assertThat(ex.getType()).isEqualTo(ErrorReplies.REQUEST_TOO_LARGE_TYPE));
			// A type id names no type: the record is read as declared, the id ignored or refused.
			try {
				MqttReply reply = template.request("hostile/record", bytes(typeId), Duration.ofSeconds(30));
				assertThat(reply.payloadAsString()).isEqualTo("Order");
			}
			catch (MqttResponderException ex) {
				// Refusing the unknown property is as good.
			}
			assertThat(hostile.records).as("records read from hostile JSON").hasValueLessThanOrEqualTo(1);
			assertThat(output.getOut()).doesNotContain(" ERROR ");
			assertThat(output.getOut()).doesNotContain("at tools.jackson");
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
	static class Hostile {

		final AtomicInteger slowCalls = new AtomicInteger();

		final AtomicInteger concurrent = new AtomicInteger();

		final AtomicInteger maxConcurrent = new AtomicInteger();

		final AtomicInteger records = new AtomicInteger();

		@MqttResponder("hostile/never")
		void never(String request) {
		}

		@MqttResponder("hostile/slow")
		String slow(String request) throws InterruptedException {
			int now = this.concurrent.incrementAndGet();
			this.maxConcurrent.accumulateAndGet(now, Math::max);
			try {
				// Work that takes a while, without sleeping: wait on nothing for 2 ms.
				new java.util.concurrent.CountDownLatch(1).await(2, java.util.concurrent.TimeUnit.MILLISECONDS);
				this.slowCalls.incrementAndGet();
				return request;
			}
			finally {
				this.concurrent.decrementAndGet();
			}
		}

		@MqttResponder("hostile/record")
		String record(Order order) {
			this.records.incrementAndGet();
			return order.getClass().getSimpleName();
		}

	}

	record Order(String name, int count) {
	}

}
