package dev.mqttrr.autoconfigure.metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.mqttrr.autoconfigure.MqttAutoConfiguration;
import dev.mqttrr.connection.PahoMqttConnection;
import dev.mqttrr.core.MqttRequestTemplate;
import dev.mqttrr.responder.MqttResponderEndpointRegistry;

/**
 * Auto-configuration of the {@link MqttMetrics} binder when the application has Micrometer and a
 * {@code MeterRegistry}, as Spring Boot's RabbitMQ metrics: Boot binds {@code MeterBinder} beans to
 * every registry.
 */
@AutoConfiguration(after = MqttAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
// Names, not class literals: read the same whether this class is parsed or loaded.
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnBean(type = { "io.micrometer.core.instrument.MeterRegistry", "dev.mqttrr.core.MqttConnection" })
public final class MqttMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MqttMetrics mqttMetrics(ObjectProvider<MqttRequestTemplate> template,
			ObjectProvider<MqttResponderEndpointRegistry> responders, ObjectProvider<PahoMqttConnection> connection) {
		return new MqttMetrics(template.getIfUnique(), responders.getIfUnique(), connection.getIfUnique());
	}

}
