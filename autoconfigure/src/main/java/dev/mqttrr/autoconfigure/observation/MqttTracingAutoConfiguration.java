package dev.mqttrr.autoconfigure.observation;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import dev.mqttrr.responder.observation.MqttTraceContextInjector;

/**
 * Makes replies carry the responder's trace context when the application has a Micrometer
 * Tracing {@link Tracer} and {@link Propagator} (Boot's Brave or OpenTelemetry bridge). Requests
 * need nothing of this: their trace context travels through the {@code mqtt.request}
 * observation's sender context.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
		"org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration" })
// Names, not class literals: read the same whether this class is parsed or loaded.
@ConditionalOnClass(name = { "io.micrometer.tracing.Tracer", "io.micrometer.tracing.propagation.Propagator" })
@ConditionalOnBean(type = { "io.micrometer.tracing.Tracer", "io.micrometer.tracing.propagation.Propagator" })
@ConditionalOnBooleanProperty(name = "mqtt.observation.enabled", matchIfMissing = true)
public final class MqttTracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MqttTraceContextInjector mqttTraceContextInjector(Tracer tracer, Propagator propagator) {
		return new PropagatorTraceContextInjector(tracer, propagator);
	}

}
