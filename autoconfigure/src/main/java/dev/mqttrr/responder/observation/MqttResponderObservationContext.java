package dev.mqttrr.responder.observation;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

import dev.mqttrr.core.ReceivedMessage;
import dev.mqttrr.core.UserProperty;
import dev.mqttrr.core.observation.MqttOutcome;

/**
 * The context of an {@code mqtt.responder} observation: the request as received, whose user
 * properties a tracer reads the caller's trace context from ({@code traceparent}, ...), and the
 * filter of the responder that handles it.
 */
public class MqttResponderObservationContext extends ReceiverContext<ReceivedMessage> {

	private final String filter;

	private MqttOutcome outcome = MqttOutcome.SUCCESS;

	/**
	 * Create a context for a request handled by the responder with the given filter.
	 * @param request the request as received
	 * @param filter the responder's topic filter as written, without a shared-subscription prefix
	 */
	public MqttResponderObservationContext(ReceivedMessage request, String filter) {
		super(MqttResponderObservationContext::firstUserProperty, Kind.CONSUMER);
		setCarrier(request);
		this.filter = filter;
		setRemoteServiceName("mqtt");
	}

	private static @Nullable String firstUserProperty(ReceivedMessage message, String name) {
		for (UserProperty property : message.properties().userProperties()) {
			if (property.name().equals(name)) {
				return property.value();
			}
		}
		return null;
	}

	/**
	 * Return the request as received.
	 * @return the request
	 */
	public ReceivedMessage getRequest() {
		ReceivedMessage request = getCarrier();
		if (request == null) {
			throw new IllegalStateException("The context has no request");
		}
		return request;
	}

	/**
	 * Return the responder's topic filter as written.
	 * @return the filter
	 */
	public String getFilter() {
		return this.filter;
	}

	/**
	 * Return how the handling ended; {@link MqttOutcome#SUCCESS} unless the method failed.
	 * @return the outcome
	 */
	public MqttOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the handling ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(MqttOutcome outcome) {
		this.outcome = outcome;
	}

}
