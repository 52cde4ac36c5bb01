package dev.mqttrr.autoconfigure.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.mqttrr.autoconfigure.MqttAutoConfiguration;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttRequestOperations;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;

/**
 * Auto-configuration of the {@code mqtt} health indicator, as Spring Boot's
 * {@code RabbitHealthContributorAutoConfiguration} does for RabbitMQ: only with Spring Boot's
 * health support on the class path, off with {@code management.health.mqtt.enabled=false}, and
 * backing off for a bean named {@code mqttHealthIndicator} or {@code mqttHealthContributor}.
 */
@AutoConfiguration(after = MqttAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(MqttConnection.class)
@ConditionalOnEnabledHealthIndicator("mqtt")
public final class MqttHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "mqttHealthIndicator", "mqttHealthContributor" })
	MqttHealthIndicator mqttHealthContributor(MqttConnection connection,
			ObjectProvider<MqttRequestOperations> requestOperations,
			ObjectProvider<MqttResponderEndpointRegistry> registry) {
		MqttRequestOperations operations = requestOperations.getIfUnique();
		return new MqttHealthIndicator(connection,
				(operations instanceof MqttRequestTemplate template) ? template : null, registry.getIfUnique());
	}

}
