package dev.mqttrr.autoconfigure;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MqttProperties} refuse wrong values when Boot binds them, naming the property and what is
 * allowed, before anything uses them.
 */
class MqttPropertiesValidationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
		.withPropertyValues("mqtt.auto-startup=false");

	@Nested
	class Url {

		@ParameterizedTest
		@ValueSource(strings = { "tcp://localhost:1883", "ssl://broker.example:8883", "ws://localhost:8080/mqtt",
				"wss://broker.example/mqtt", "TCP://localhost", "tcp://[::1]:1883" })
		void acceptsTheSchemesPahoSpeaks(String url) {
			MqttPropertiesValidationTests.this.contextRunner.withPropertyValues("mqtt.url=" + url)
				.run((context) -> assertThat(context).hasNotFailed());
		}

		@ParameterizedTest
		@CsvSource(delimiter = '|', textBlock = """
				http://localhost:1883      | has the scheme http://; the allowed schemes are tcp://, ssl:// (TLS), ws:// and wss://
				localhost:1883             | must start with tcp://, ssl://, ws:// or wss://
				127.0.0.1:1883             | must start with tcp://, ssl://, ws:// or wss://
				tcp://local host:1883      | is not a valid URL
				tcp://:1883                | names no host
				tcp://localhost:99999      | has the port 99999
				tcp://localhost:1883/path  | must not have a path with tcp://
				""")
		void refusesAnythingElseNamingTheAllowedSchemes(String url, String reason) {
			MqttPropertiesValidationTests.this.contextRunner.withPropertyValues("mqtt.url=" + url)
				.run((context) -> assertThat(errors(context)).singleElement()
					.satisfies((error) -> assertThat(error).startsWith("mqtt.url: ").contains(reason)));
		}

	}

	@Test
	void refusesANegativeRequestTimeoutByItsPropertyName() {
		this.contextRunner.withPropertyValues("mqtt.request.timeout=-1s")
			.run((context) -> assertThat(errors(context)).containsExactly("mqtt.request.timeout: must be positive"));
	}

	@Test
	void refusesZeroResponderConcurrency() {
		this.contextRunner.withPropertyValues("mqtt.responder.concurrency=0")
			.run((context) -> assertThat(errors(context)).singleElement()
				.satisfies((error) -> assertThat(error).startsWith("mqtt.responder.concurrency: must be at least 1")));
	}

	@Test
	void reportsEveryWrongValueOfAGroupAtOnce() {
		this.contextRunner
			.withPropertyValues("mqtt.request.timeout=0s", "mqtt.request.qos=3", "mqtt.request.max-pending=0",
					"mqtt.request.reply-topic-prefix=replies/+/")
			.run((context) -> assertThat(errors(context)).hasSize(4)
				.anySatisfy((error) -> assertThat(error).isEqualTo("mqtt.request.timeout: must be positive"))
				.anySatisfy((error) -> assertThat(error).isEqualTo("mqtt.request.qos: must be 0, 1 or 2"))
				.anySatisfy((error) -> assertThat(error).isEqualTo("mqtt.request.maxPending: must be at least 1"))
				.anySatisfy((error) -> assertThat(error).startsWith("mqtt.request.replyTopicPrefix: must not contain")));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			mqtt.keep-alive=-1s                         | mqtt.keepAlive: must be between 0 and 65535 seconds
			mqtt.keep-alive=65536s                      | mqtt.keepAlive: must be between 0 and 65535 seconds
			mqtt.session-expiry=-1s                     | mqtt.sessionExpiry: must be between 0 and 4294967295 seconds
			mqtt.connection-timeout=0s                  | mqtt.connectionTimeout: must be positive
			mqtt.reconnect.initial-delay=-1s            | mqtt.reconnect.initialDelay: must not be negative
			mqtt.reconnect.initial-delay=1m             | mqtt.reconnect.maxDelay: must not be less than mqtt.reconnect.initial-delay
			mqtt.request.reply-topic-prefix=$SYS/       | mqtt.request.replyTopicPrefix: must not start with '$'
			mqtt.responder.allowed-response-topics=a/#/b | mqtt.responder.allowedResponseTopics: 'a/#/b' is not a topic filter
			mqtt.embedded.port=65536                    | mqtt.embedded.port: must be between 0 and 65535
			""")
	void refusesValuesOutOfRange(String property, String error) {
		this.contextRunner.withPropertyValues(property)
			.run((context) -> assertThat(errors(context)).singleElement()
				.satisfies((message) -> assertThat(message).startsWith(error)));
	}

	@Test
	void defaultsAreValid() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed());
	}

	/**
	 * Return the binding errors of a failed start-up as {@code property: reason}, the property
	 * written as Boot's failure report writes it.
	 */
	private static List<String> errors(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof BindValidationException)) {
			failure = failure.getCause();
		}
		assertThat(failure).as("a BindValidationException in %s", context.getStartupFailure()).isNotNull();
		return ((BindValidationException) failure).getValidationErrors()
			.getAllErrors()
			.stream()
			.map((error) -> ((FieldError) error).getObjectName() + "." + ((FieldError) error).getField() + ": "
					+ error.getDefaultMessage())
			.collect(Collectors.toList());
	}

}
