package dev.mqttrr.autoconfigure.health;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.autoconfigure.MqttAutoConfiguration;
import dev.mqttrr.test.ClassPathWithout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link MqttHealthContributorAutoConfiguration}, without a broker
 * ({@code mqtt.auto-startup=false}); {@code HealthIntegrationTests} runs it against Mosquitto.
 */
class MqttHealthContributorAutoConfigurationTests {

	private static final String PASSWORD = "pa55-w0rd-never-shown";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MqttAutoConfiguration.class,
				MqttHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class))
		.withPropertyValues("mqtt.url=tcp://127.0.0.1:1", "mqtt.auto-startup=false", "mqtt.client-id=health-1");

	@Nested
	class Registration {

		@Test
		void registersTheIndicatorAsTheMqttContributor() {
			MqttHealthContributorAutoConfigurationTests.this.contextRunner.run((context) -> {
				assertThat(context).hasSingleBean(MqttHealthIndicator.class).hasBean("mqttHealthContributor");
				assertThat(context.getBean(HealthContributorRegistry.class).getContributor("mqtt"))
					.isSameAs(context.getBean(MqttHealthIndicator.class));
			});
		}

		@Test
		void whenDisabledDoesNotRegisterTheIndicator() {
			MqttHealthContributorAutoConfigurationTests.this.contextRunner
				.withPropertyValues("management.health.mqtt.enabled=false")
				.run((context) -> assertThat(context).doesNotHaveBean(MqttHealthIndicator.class)
					.doesNotHaveBean("mqttHealthContributor"));
		}

		@Test
		void whenHealthDefaultsAreDisabledDoesNotRegisterTheIndicator() {
			MqttHealthContributorAutoConfigurationTests.this.contextRunner
				.withPropertyValues("management.health.defaults.enabled=false")
				.run((context) -> assertThat(context).doesNotHaveBean(MqttHealthIndicator.class));
		}

		@Test
		void whenUserDefinesMqttHealthIndicatorBacksOff() {
			MqttHealthContributorAutoConfigurationTests.this.contextRunner
				.withBean("mqttHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
				.run((context) -> {
					assertThat(context).doesNotHaveBean(MqttHealthIndicator.class);
					assertThat(context.getBean(HealthContributorRegistry.class).getContributor("mqtt"))
						.isSameAs(context.getBean("mqttHealthIndicator"));
				});
		}

		@Test
		void whenUserDefinesMqttHealthContributorBacksOff() {
			MqttHealthContributorAutoConfigurationTests.this.contextRunner
				.withBean("mqttHealthContributor", HealthIndicator.class, () -> () -> Health.up().build())
				.run((context) -> {
					assertThat(context).doesNotHaveBean(MqttHealthIndicator.class);
					assertThat(context.getBean(HealthContributorRegistry.class).getContributor("mqtt"))
						.isSameAs(context.getBean("mqttHealthContributor"));
				});
		}

		@Test
		void withoutTheMqttConnectionDoesNotRegisterTheIndicator() {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(MqttHealthContributorAutoConfiguration.class))
				.run((context) -> assertThat(context).doesNotHaveBean(MqttHealthIndicator.class));
		}

		@Test
		void autoConfigurationWorksWithoutSpringBootHealth() throws Exception {
			assertThat(new ClassPathWithout("spring-boot-health").call(AutoConfigurationWithoutHealth.class))
				.isEqualTo("health support: false, connection: tcp://broker.example:1883, mqtt health indicator: false");
			assertThat(new AutoConfigurationWithoutHealth().call())
				.isEqualTo("health support: true, connection: tcp://broker.example:1883, mqtt health indicator: true");
		}

	}

	@Nested
	class Details {

		@Test
		void notStartedIsDownWithTheConnectionsDetails() {
			MqttHealthContributorAutoConfigurationTests.this.contextRunner.withUserConfiguration(Responders.class)
				.run((context) -> {
					Health health = context.getBean(MqttHealthIndicator.class).health(true);
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.getDetails()).containsEntry("url", "tcp://127.0.0.1:1")
						.containsEntry("clientId", "health-1")
						.containsEntry("pendingRequests", 0)
						.containsEntry("responders", 2)
						.containsEntry("reason", "not connected to the broker")
						.doesNotContainKeys("disconnectedSince", "lastError", "refusedSubscriptions");
				});
		}

		@Test
		void neverShowTheCredentials() {
			MqttHealthContributorAutoConfigurationTests.this.contextRunner
				.withPropertyValues("mqtt.username=health-user", "mqtt.password=" + PASSWORD)
				.run((context) -> {
					Health health = context.getBean(MqttHealthIndicator.class).health(true);
					assertThat(health.getDetails()).containsEntry("url", "tcp://127.0.0.1:1");
					assertThat(health.getDetails().values()).allSatisfy(
							(value) -> assertThat(String.valueOf(value)).doesNotContain(PASSWORD, "health-user"));
					assertThat(health.toString()).doesNotContain(PASSWORD);
					assertThat(context.getBean(MqttHealthIndicator.class).toString()).doesNotContain(PASSWORD);
				});
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Responders {

		@Bean
		Object responders() {
			return new Object() {

				@MqttResponder("health/one")
				String one(String request) {
					return request;
				}

				@MqttResponder("health/two")
				String two(String request) {
					return request;
				}

			};
		}

	}

}
