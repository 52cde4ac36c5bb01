package dev.mqttrr.integration;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.messaging.support.MessageBuilder;

import dev.mqttrr.annotation.MqttResponder;
import dev.mqttrr.core.UserProperty;
import dev.mqttrr.support.MqttHeaders;

/**
 * Responders of the observability tests: each records the trace context it runs in (when there
 * is a tracer) and the {@code traceparent} user property of its request as received.
 */
class ObservedResponders implements DisposableBean {

	final AtomicReference<TraceContext> syncContext = new AtomicReference<>();

	final AtomicReference<TraceContext> asyncContext = new AtomicReference<>();

	final AtomicReference<TraceContext> copyContext = new AtomicReference<>();

	final AtomicReference<String> requestTraceparent = new AtomicReference<>();

	private final ObjectProvider<Tracer> tracer;

	/** Completes the futures on a thread of its own, after the responder thread has moved on. */
	private final ExecutorService completer = Executors.newSingleThreadExecutor();

	ObservedResponders(ObjectProvider<Tracer> tracer) {
		this.tracer = tracer;
	}

	@MqttResponder("test/obs/echo")
	String echo(String text, @Header(name = MqttHeaders.USER_PROPERTIES, required = false) List<UserProperty> user) {
		record(this.syncContext, user);
		return text;
	}

	@MqttResponder("test/obs/async")
	CompletableFuture<String> async(String text) {
		record(this.asyncContext, null);
		return CompletableFuture.supplyAsync(() -> text + " later", this.completer);
	}

	@MqttResponder("test/obs/copy")
	Message<String> copy(Message<String> request) {
		record(this.copyContext, null);
		return MessageBuilder.withPayload(request.getPayload()).copyHeaders(request.getHeaders()).build();
	}

	@MqttResponder("test/obs/silent")
	String silent(String text) {
		return null;
	}

	@MqttResponder("test/obs/fail")
	String fail(String text) {
		throw new ArithmeticException("/ by zero");
	}

	private void record(AtomicReference<TraceContext> context, List<UserProperty> user) {
		Tracer tracer = this.tracer.getIfAvailable();
		if (tracer != null && tracer.currentSpan() != null) {
			context.set(tracer.currentSpan().context());
		}
		if (user != null) {
			user.stream()
				.filter((property) -> property.name().equals("traceparent"))
				.findFirst()
				.ifPresent((property) -> this.requestTraceparent.set(property.value()));
		}
	}

	@Override
	public void destroy() {
		this.completer.shutdownNow();
	}

}
