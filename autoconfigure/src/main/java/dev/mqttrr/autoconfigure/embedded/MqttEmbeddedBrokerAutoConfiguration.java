package dev.mqttrr.autoconfigure.embedded;

import com.hivemq.embedded.EmbeddedHiveMQ;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

import dev.mqttrr.autoconfigure.MqttAutoConfiguration;
import dev.mqttrr.autoconfigure.MqttConnectionDetails;
import dev.mqttrr.autoconfigure.MqttProperties;

/**
 * Auto-configuration of an embedded HiveMQ CE broker, like Spring Boot's embedded Artemis mode:
 * on when {@code mqtt.embedded.enabled=true}, or when that is unset, HiveMQ CE embedded is on the
 * classpath and {@code mqtt.url} is not set. The client is pointed at it. Off when something else
 * names the broker with an {@link MqttConnectionDetails} bean: a Testcontainers or Docker Compose
 * service connection, or the application's own.
 */
@AutoConfiguration(before = MqttAutoConfiguration.class)
@ConditionalOnClass(EmbeddedHiveMQ.class)
@Conditional(OnEmbeddedBrokerCondition.class)
@ConditionalOnMissingBean(MqttConnectionDetails.class)
@EnableConfigurationProperties(MqttProperties.class)
public final class MqttEmbeddedBrokerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	EmbeddedHiveMqBroker embeddedHiveMqBroker(MqttProperties properties) {
		return new EmbeddedHiveMqBroker(properties.getEmbedded().getHost(), properties.getEmbedded().getPort());
	}

	@Bean
	@ConditionalOnMissingBean
	MqttConnectionDetails mqttConnectionDetails(EmbeddedHiveMqBroker broker) {
		return broker::getUrl;
	}

}
