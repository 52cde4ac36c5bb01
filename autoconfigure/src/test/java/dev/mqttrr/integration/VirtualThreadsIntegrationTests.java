package dev.mqttrr.integration;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttReply;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.test.TestBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With {@code spring.threads.virtual.enabled=true} on Java 21 and later, responders run on virtual
 * threads against a real broker, and more requests than responder threads are all answered.
 */
class VirtualThreadsIntegrationTests {

	@Test
	void respondersRunOnVirtualThreads() throws Exception {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21 or later");
		TestBroker broker = TestBroker.mosquitto();
		broker.start();
		try (ConfigurableApplicationContext context = AbstractRequestResponseIntegrationTests
			.application(Responders.class, broker.url(), "virtual", "spring.threads.virtual.enabled=true",
					"mqtt.responder.concurrency=2")
			.run()) {
			MqttRequestTemplate template = context.getBean(MqttRequestTemplate.class);
			assertThat(template.request("vt/thread", bytes("x")).payloadAsString()).startsWith("VirtualThread[")
				.contains("mqtt-rr-responder-");
			List<CompletableFuture<MqttReply>> replies = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				replies.add(template.requestAsync("vt/thread", bytes("r" + i)));
			}
			CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
			assertThat(replies).allSatisfy((reply) -> assertThat(reply.get().payloadAsString())
				.startsWith("VirtualThread["));
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
	static class Responders {

		@MqttResponder("vt/thread")
		String thread(String ignored) {
			return Thread.currentThread().toString();
		}

	}

}
