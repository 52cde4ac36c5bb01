package dev.mqttrr.integration;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.MqttRequestOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A suite with two {@code @SpringBootTest} configurations that returns to the first one, with
 * Spring's default test-context pausing: the first context is paused (its lifecycle stopped) while
 * the second runs, and started again when the third class uses it.
 */
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class TestContextPausingIntegrationTests {

	private static ApplicationContext firstContext;

	@Nested
	@Order(1)
	@SpringBootTest(classes = First.class, properties = "mqtt.embedded.port=0")
	class UsesTheFirstConfiguration {

		@Autowired
		MqttRequestOperations mqtt;

		@Autowired
		ApplicationContext context;

		@Test
		void getsAReply() {
			firstContext = this.context;
			assertThat(this.mqtt.request("pausing/echo", bytes("one")).payloadAsString()).isEqualTo("one");
		}

	}

	@Nested
	@Order(2)
	@SpringBootTest(classes = Second.class, properties = "mqtt.embedded.port=0")
	class UsesTheSecondConfiguration {

		@Autowired
		MqttRequestOperations mqtt;

		@Test
		void getsAReplyWhileTheFirstContextIsPaused() {
			assertThat(((ConfigurableApplicationContext) firstContext).isRunning()).isFalse();
			assertThat(this.mqtt.request("pausing/upper", bytes("two")).payloadAsString()).isEqualTo("TWO");
		}

	}

	@Nested
	@Order(3)
	@SpringBootTest(classes = First.class, properties = "mqtt.embedded.port=0")
	class ReturnsToTheFirstConfiguration {

		@Autowired
		MqttRequestOperations mqtt;

		@Autowired
		ApplicationContext context;

		@Test
		void getsAReplyFromTheRestartedContext() {
			assertThat(this.context).isSameAs(firstContext);
			assertThat(this.mqtt.request("pausing/echo", bytes("three")).payloadAsString()).isEqualTo("three");
		}

	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Echo.class)
	static class First {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Upper.class)
	static class Second {

	}

	static class Echo {

		@MqttResponder("pausing/echo")
		String echo(String text) {
			return text;
		}

	}

	static class Upper {

		@MqttResponder("pausing/upper")
		String upper(String text) {
			return text.toUpperCase();
		}

	}

}
