package dev.mqttrr.responder.observation;

import java.util.function.BiConsumer;

/**
 * Writes the current trace context (the responder's, as the reply is sent inside its
 * observation's scope) into the user properties of a reply. The auto-configuration implements it
 * with Micrometer Tracing's {@code Tracer} and {@code Propagator} when the application has them.
 */
@FunctionalInterface
public interface MqttTraceContextInjector {

	/**
	 * Write the propagation fields of the current trace context, if there is one.
	 * @param userProperties receives each field's name and value
	 */
	void inject(BiConsumer<String, String> userProperties);

}
