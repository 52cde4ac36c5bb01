package dev.mqttrr.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.mqttrr.autoconfigure.MqttAutoConfiguration;
import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.core.MqttConnection;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;

/**
 * Auto-configuration of the {@link MqttMetrics} binder when the application has Micrometer and a
 * {@link MeterRegistry}, as Spring Boot's RabbitMQ metrics: Boot binds {@code MeterBinder} beans to
 * every registry.
 */
@AutoConfiguration(after = MqttAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, MqttConnection.class })
public final class MqttMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MqttMetrics mqttMetrics(ObjectProvider<MqttRequestTemplate> template,
			ObjectProvider<MqttResponderEndpointRegistry> responders, ObjectProvider<PahoMqttConnection> connection) {
		return new MqttMetrics(template.getIfUnique(), responders.getIfUnique(), connection.getIfUnique());
	}

}
