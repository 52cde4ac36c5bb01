package dev.mqttrr.autoconfigure.observation;

import java.util.function.BiConsumer;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import dev.mqttrr.responder.observation.MqttTraceContextInjector;

/**
 * Writes the tracer's current trace context with the application's {@link Propagator} (W3C
 * {@code traceparent} and {@code tracestate}, and {@code baggage}, with Boot's defaults).
 */
final class PropagatorTraceContextInjector implements MqttTraceContextInjector {

	private final Tracer tracer;

	private final Propagator propagator;

	PropagatorTraceContextInjector(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	@Override
	public void inject(BiConsumer<String, String> userProperties) {
		TraceContext context = this.tracer.currentTraceContext().context();
		if (context != null) {
			this.propagator.inject(context, userProperties, BiConsumer::accept);
		}
	}

}
