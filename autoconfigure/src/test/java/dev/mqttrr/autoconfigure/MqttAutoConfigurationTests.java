package dev.mqttrr.autoconfigure;

import java.nio.charset.StandardCharsets;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.converter.StringMessageConverter;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.connection.TcpNoDelaySocketFactory;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttPayloadConverter;
import dev.mqttrr.core.MqttRequestOperations;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link MqttAutoConfiguration}. With {@code mqtt.auto-startup=false} nothing connects,
 * so these need no broker; what a connected context does is tested by the
 * {@code *IntegrationTests}.
 */
class MqttAutoConfigurationTests {

	private static final String NO_BROKER = "tcp://127.0.0.1:1";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
		.withPropertyValues("mqtt.url=" + NO_BROKER, "mqtt.auto-startup=false");

	@Nested
	class Connection {

		@Test
		void autoConfiguresAConnectionTemplateAndRegistry() {
			MqttAutoConfigurationTests.this.contextRunner.withPropertyValues("spring.application.name=orders")
				.run((context) -> {
					assertThat(context).hasSingleBean(MqttConnection.class)
						.hasSingleBean(MqttRequestTemplate.class)
						.hasSingleBean(MqttResponderEndpointRegistry.class);
					PahoMqttConnection connection = context.getBean(PahoMqttConnection.class);
					assertThat(connection.isRunning()).isFalse();
					assertThat(connection.isConnected()).isFalse();
					assertThat(connection.getClientId()).matches("orders-[0-9a-f]{8}");
					assertThat(connection.getConnectionOptions().getSocketFactory())
						.isInstanceOf(TcpNoDelaySocketFactory.class);
					assertThat(connection.getConnectionOptions().isAutomaticReconnect()).isFalse();
					assertThat(context.getBean(MqttRequestTemplate.class).getInboxTopic())
						.isEqualTo("mqttrr/replies/" + connection.getClientId());
				});
		}

		@Test
		void propertiesConfigureTheConnectionOptions() {
			MqttAutoConfigurationTests.this.contextRunner
				.withPropertyValues("mqtt.client-id=fixed-id", "mqtt.keep-alive=15s", "mqtt.clean-start=false",
						"mqtt.session-expiry=2m", "mqtt.connection-timeout=3s", "mqtt.username=user",
						"mqtt.password=secret")
				.run((context) -> {
					PahoMqttConnection connection = context.getBean(PahoMqttConnection.class);
					MqttConnectionOptions options = connection.getConnectionOptions();
					assertThat(connection.getClientId()).isEqualTo("fixed-id");
					assertThat(options.getKeepAliveInterval()).isEqualTo(15);
					assertThat(options.isCleanStart()).isFalse();
					assertThat(options.getSessionExpiryInterval()).isEqualTo(120L);
					assertThat(options.getConnectionTimeout()).isEqualTo(3);
					assertThat(options.getUserName()).isEqualTo("user");
					assertThat(new String(options.getPassword(), StandardCharsets.UTF_8)).isEqualTo("secret");
				});
		}

		@Test
		void customizersAreAppliedInOrder() {
			MqttAutoConfigurationTests.this.contextRunner.withUserConfiguration(CustomizerConfiguration.class)
				.run((context) -> assertThat(context.getBean(PahoMqttConnection.class).getConnectionOptions().getUserName())
					.isEqualTo("first-second"));
		}

		@Test
		void unreachableBrokerStartsTheApplicationDisconnected() {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
				.withPropertyValues("mqtt.url=" + NO_BROKER, "mqtt.connection-timeout=2s")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					PahoMqttConnection connection = context.getBean(PahoMqttConnection.class);
					assertThat(connection.isRunning()).isTrue();
					assertThat(connection.isConnected()).isFalse();
				});
		}

		@Test
		void unreachableBrokerWithFailFastFailsStartUpWithAMessageThatSaysWhatToDo() {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
				.withPropertyValues("mqtt.url=tcp://127.0.0.1:1", "mqtt.connection-timeout=2s", "mqtt.fail-fast=true")
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.rootCause()
					.isNotNull()
					.satisfies((ex) -> assertThat(context.getStartupFailure()).hasStackTraceContaining(
							"Could not connect to the MQTT broker at tcp://127.0.0.1:1")
						.hasStackTraceContaining("Check mqtt.url")));
		}

		@Test
		void withoutPahoNothingIsConfigured() {
			MqttAutoConfigurationTests.this.contextRunner.withClassLoader(new FilteredClassLoader(MqttAsyncClient.class))
				.run((context) -> assertThat(context).doesNotHaveBean(MqttConnection.class)
					.doesNotHaveBean(MqttRequestOperations.class));
		}

	}

	@Nested
	class BackOff {

		@Test
		void whenUserDefinesRequestOperationsDoesNotAutoConfigureATemplate() {
			MqttAutoConfigurationTests.this.contextRunner
				.withBean("customOperations", MqttRequestOperations.class, () -> mock(MqttRequestOperations.class))
				.run((context) -> assertThat(context).hasSingleBean(MqttRequestOperations.class)
					.hasBean("customOperations")
					.doesNotHaveBean(MqttRequestTemplate.class));
		}

		@Test
		void whenUserDefinesConnectionDetailsTheyWinOverProperties() {
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class))
				.withPropertyValues("mqtt.url=tcp://127.0.0.1:1", "mqtt.auto-startup=false")
				.withBean(MqttConnectionDetails.class, () -> () -> "tcp://broker.example:1883")
				.run((context) -> assertThat(context.getBean(MqttConnection.class).getServerUri())
					.isEqualTo("tcp://broker.example:1883"));
		}

		@Test
		void whenUserDefinesAPayloadConverterItIsUsed() {
			MqttPayloadConverter custom = new MqttPayloadConverter(new StringMessageConverter());
			MqttAutoConfigurationTests.this.contextRunner.withBean(MqttPayloadConverter.class, () -> custom)
				.run((context) -> assertThat(context.getBean(MqttPayloadConverter.class)).isSameAs(custom));
		}

	}

	@Nested
	class Responders {

		@Test
		void methodWithTwoPayloadParametersFailsStartUpNamingIt() {
			MqttAutoConfigurationTests.this.contextRunner.withBean(TwoPayloads.class)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.hasMessageContaining("TwoPayloads.answer")
					.hasStackTraceContaining("2 parameters that would each receive the payload"));
		}

		@Test
		void invalidTopicFailsStartUpNamingTheMethod() {
			MqttAutoConfigurationTests.this.contextRunner.withBean(BadTopic.class)
				.run((context) -> assertThat(context).hasFailed()
					.getFailure()
					.hasMessageContaining("BadTopic.answer")
					.hasStackTraceContaining("'#' only as the whole last level"));
		}

		@Test
		void responderIsRegisteredWithItsResolvedTopic() {
			MqttAutoConfigurationTests.this.contextRunner.withPropertyValues("app.topic=services/resolved")
				.withBean(Placeholder.class)
				.run((context) -> assertThat(context.getBean(MqttResponderEndpointRegistry.class).getEndpoints())
					.singleElement()
					.satisfies((endpoint) -> assertThat(endpoint.subscriptionFilter())
						.isEqualTo("$share/workers/services/resolved")));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		@Order(2)
		MqttConnectionOptionsCustomizer second() {
			return (options) -> options.setUserName(options.getUserName() + "-second");
		}

		@Bean
		@Order(1)
		MqttConnectionOptionsCustomizer first() {
			return (options) -> options.setUserName("first");
		}

	}

	static class TwoPayloads {

		@MqttResponder("services/two")
		String answer(String one, String two) {
			return one + two;
		}

	}

	static class BadTopic {

		@MqttResponder("services/#/bad")
		String answer(String one) {
			return one;
		}

	}

	static class Placeholder {

		@MqttResponder(topic = "${app.topic}", group = "workers")
		String answer(String one) {
			return one;
		}

	}

}
